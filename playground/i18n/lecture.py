"""Texts of lecture mode, step by step (key: (English, 中文))."""

TEXTS: dict[str, tuple[str, str]] = {
    # lecture mode (playground/views/lecture.py)
    "nav.lec": ("Lecture mode", "课堂模式"),
    "lec.sec.1": ("Bagging", "Bagging"),
    "lec.sec.2": ("Decision trees: the image experiment", "决策树：图像实验"),
    "lec.sec.3": ("Boosting and AdaBoost", "Boosting 与 AdaBoost"),
    "lec.sec.4": ("Gradient boosting", "梯度提升"),
    "lec.sec.5": ("Voting and stacking", "投票与堆叠"),
    "lec.bag_sets.short": ("Bagging: bootstrap sets, averaged", "Bagging：自助采样集与平均"),
    "lec.bag_sets.title": ("Bagging: resample the training set, fit one deep tree per set, average",
                           "Bagging：对训练集有放回抽样，每个样本集训练一棵深树，再取平均"),
    "lec.bag_sets.take": ("Each tree overfits its own bootstrap set (test MSE {mse:.3f} on average); "
                          "the average of the {T} trees reaches {avg:.3f}: averaging cuts variance.",
                          "每棵树都过拟合自己的自助样本集（平均测试 MSE {mse:.3f}）；{T} 棵树取平均后为 "
                          "{avg:.3f}：平均降低了方差。"),
    "lec.bag_sets.take.not": (
        "Here the average of the {T} trees ({avg:.3f}) is not better than the trees on average "
        "({mse:.3f}): with so few bootstrap sets and points, try another seed or more sets.",
        "这里 {T} 棵树的平均（{avg:.3f}）并不比单棵树的平均水平（{mse:.3f}）更好：自助样本集和样本点都太少，"
        "请换一个种子或增加样本集数。"),
    "lec.bag_sets.note": ("N = {N} training examples; each set draws N examples with replacement "
                          "(×k = drawn k times, red × = not drawn: out of bag).",
                          "N = {N} 个训练样本；每个样本集有放回地抽取 N 个（×k = 被抽中 k 次，红色 × = "
                          "未被抽中：袋外）。"),
    "lec.bag.set_title": ("set {t}: {oob} of {n} out of bag", "样本集 {t}：{n} 个中 {oob} 个在袋外"),
    "lec.bag.inbag": ("in the set (size = copies)", "在样本集中（大小 = 次数）"),
    "lec.bag.oob": ("out of bag", "袋外"),
    "lec.bag.avg": ("average of {T} trees", "{T} 棵树的平均"),
    "lec.bag.train": ("training data", "训练数据"),
    "lec.bag.example": ("example", "样本"),
    "lec.bag.learner": ("learner", "学习器"),
    "lec.bag.model": ("model", "模型"),
    "lec.test_mse": ("test MSE", "测试 MSE"),
    "lec.bag_oob.short": ("Out-of-bag validation", "袋外（OOB）验证"),
    "lec.bag_oob.title": ("Out of bag: each example is scored only by the learners that never saw it",
                          "袋外验证：每个样本只由没见过它的学习器来评估"),
    "lec.bag_oob.take": ("OOB MSE {oob:.3f} vs test MSE {test:.3f}, with no validation set. "
                         "{share:.1%} of the cells are OOB here; in theory (1 − 1/N)^N = {theory:.1%} "
                         "for N = {N} (→ 36.8 %).",
                         "袋外 MSE {oob:.3f}，测试 MSE {test:.3f}，无需验证集。此处 {share:.1%} 的格子是袋外；"
                         "理论值 (1 − 1/N)^N = {theory:.1%}（N = {N}，N 大时 → 36.8 %）。"),
    "lec.oob.scored_by": ("scored by (OOB learners)", "由谁评估（袋外学习器）"),
    "lec.oob.pred": ("OOB prediction", "袋外预测"),
    "lec.oob.mse": ("OOB MSE", "袋外 MSE"),
    "lec.oob.share": ("cells out of bag", "袋外格子比例"),
    "lec.error": ("error rate", "错误率"),
    "lec.train_err": ("training error", "训练误差"),
    "lec.test_err": ("test error", "测试误差"),
    "lec.depth": ("depth", "深度"),
    "lec.img_trees.short": ("Image: one tree, depth 5–20", "图像：单棵树，深度 5–20"),
    "lec.img_trees.title": ("One decision tree: {verdict}", "单棵决策树：{verdict}"),
    "lec.img_trees.v_yes": ("the deeper, the closer the fit — depth {d} fits every training pixel",
                            "越深拟合越紧——深度 {d} 拟合了每一个训练像素"),
    "lec.img_trees.v_no": ("depths {depths}", "深度 {depths}"),
    "lec.img_trees.take": ("Depth {d} fits the training set exactly: all {n_train:,} training pixels "
                           "right (training error 0, {leaves} leaves). On the {n_test:,} pixels it "
                           "never saw, its error is {te_err:.3f}: a perfect fit of the training set "
                           "is not a perfect model.",
                           "深度 {d} 恰好拟合了训练集：{n_train:,} 个训练像素全部分对（训练误差 0，"
                           "{leaves} 个叶子）。在它从未见过的 {n_test:,} 个像素上，错误率为 {te_err:.3f}："
                           "完美拟合训练集并不等于完美的模型。"),
    "lec.img_trees.take_not": ("Depth {d} does not fit the training set exactly here: {wrong:,} of "
                               "{n_train:,} training pixels are wrong (training error {tr_err:.4f}); "
                               "on the {n_test:,} held-out pixels the error is {te_err:.3f}.",
                               "这里深度 {d} 没有恰好拟合训练集：{n_train:,} 个训练像素中有 {wrong:,} 个"
                               "分错（训练误差 {tr_err:.4f}）；在 {n_test:,} 个留出像素上错误率为 "
                               "{te_err:.3f}。"),
    "lec.img_trees.panel": ("depth {v}<br>train {tr_err:.3f} · test {te_err:.3f}"
                          "<br>outline {out:.2f} px",
                          "深度 {v}<br>训练 {tr_err:.3f} · 测试 {te_err:.3f}<br>轮廓距离 {out:.2f} 像素"),
    "lec.img_forest.short": ("Image: random forest, 100 trees", "图像：随机森林，100 棵树"),
    "lec.img_forest.title": ("Random forest of {T} trees at the same depths: {verdict}",
                             "同样深度下 {T} 棵树的随机森林：{verdict}"),
    "lec.img_forest.v_yes": ("a smoother, more faithful shape", "形状更平滑、更贴近原图"),
    "lec.img_forest.v_no": ("compared with one tree", "与单棵树对比"),
    "lec.img_forest.take": ("At depth {d} the average of {T} trees — each on its own bootstrap set, "
                            "a random feature at every split — has test error {forest:.3f} against "
                            "one tree's {tree:.3f}, and its outline lies {f_out:.2f} px from the "
                            "picture's instead of {t_out:.2f} px. At depth {deep} both are close "
                            "(test error {tree_deep:.3f} and {forest_deep:.3f}).",
                            "深度 {d} 时，{T} 棵树（各用自己的自助样本集，每次分裂随机选一个特征）的平均："
                            "测试误差 {forest:.3f}，单棵树为 {tree:.3f}；轮廓与原图轮廓相距 {f_out:.2f} "
                            "像素，单棵树为 {t_out:.2f} 像素。深度 {deep} 时两者都很接近原图（测试误差 "
                            "{tree_deep:.3f} 与 {forest_deep:.3f}）。"),
    "lec.img_forest.take_not": ("Here the forest of {T} trees does not beat one tree at depth "
                                "{d}: test error {forest:.3f} against {tree:.3f}, outline "
                                "{f_out:.2f} px against {t_out:.2f} px from the picture's. At depth "
                                "{deep}: one tree {tree_deep:.3f}, forest {forest_deep:.3f}.",
                                "这里 {T} 棵树的森林在深度 {d} 时没有胜过单棵树：测试误差 {forest:.3f}，"
                                "单棵树 {tree:.3f}；轮廓距离 {f_out:.2f} 像素，单棵树 {t_out:.2f} 像素。"
                                "深度 {deep} 时：单棵树 {tree_deep:.3f}，森林 {forest_deep:.3f}。"),
    "lec.img_forest.panel": ("depth {v}<br>train {tr_err:.3f} · test {te_err:.3f}"
                          "<br>outline {out:.2f} px",
                          "深度 {v}<br>训练 {tr_err:.3f} · 测试 {te_err:.3f}<br>轮廓距离 {out:.2f} 像素"),
    "lec.img_ada.short": ("Image: AdaBoost, T = 10–100", "图像：AdaBoost，T = 10–100"),
    "lec.img_ada.title": ("AdaBoost with depth-{depth} trees: {verdict}",
                          "以深度 {depth} 的树为弱学习器的 AdaBoost：{verdict}"),
    "lec.img_ada.v_yes": ("the shape sharpens as T grows", "T 越大，形状越清晰"),
    "lec.img_ada.v_no": ("T = {Ts}", "T = {Ts}"),
    "lec.img_ada.take": ("Each round focuses on the pixels still misclassified, and the shape "
                         "sharpens: at T = {Ts} the test error is {errs} and the outline lies "
                         "{outs} px from the picture's.",
                         "每一轮都专注于仍被分错的像素，形状越来越清晰：T = {Ts} 时，测试误差依次为 "
                         "{errs}，轮廓与原图轮廓的距离依次为 {outs} 像素。"),
    "lec.img_ada.take_not": ("Here the shape does not sharpen steadily: at T = {Ts} the test error "
                             "is {errs} and the outline lies {outs} px from the picture's. {stop}",
                             "这里形状没有持续变清晰：T = {Ts} 时，测试误差依次为 {errs}，轮廓距离依次为 "
                             "{outs} 像素。{stop}"),
    "lec.img_ada.stopped": ("AdaBoost stopped at round {T}: {why}",
                            "AdaBoost 在第 {T} 轮停止：{why}"),
    "lec.img_ada.panel": ("T = {v}<br>train {tr_err:.3f} · test {te_err:.3f}"
                          "<br>outline {out:.2f} px",
                          "T = {v}<br>训练 {tr_err:.3f} · 测试 {te_err:.3f}<br>轮廓距离 {out:.2f} 像素"),
    "lec.img.target": ("the picture<br>{w} × {h} pixels", "原图<br>{w} × {h} 像素"),
    "lec.img.series": ("{who}: {what}", "{who}：{what}"),
    "lec.img.outline": ("outline distance (px)", "轮廓距离（像素）"),
    "lec.img.curves": ("Errors and outline distances as curves", "错误率与轮廓距离曲线"),
    "lec.img.tree": ("one tree", "单棵树"),
    "lec.img.forest": ("forest", "森林"),
    "lec.toy_1.short": ("Toy example: round 1", "玩具例子：第 1 轮"),
    "lec.toy_2.short": ("Toy example: round 2", "玩具例子：第 2 轮"),
    "lec.toy_3.short": ("Toy example: round 3", "玩具例子：第 3 轮"),
    "lec.toy_1.title": ("Round {t}: f{ts} gets 3 of 10 points wrong, so their weights grow × d{ts} = {d:.3f}",
                        "第 {t} 轮：f{ts} 分错 10 个点中的 3 个，它们的权重乘以 d{ts} = {d:.3f}"),
    "lec.toy_2.title": ("Round {t}: f{ts} is trained on the new weights, and again 3 points grow × {d:.3f}",
                        "第 {t} 轮：f{ts} 在新权重上训练，又有 3 个点的权重乘以 {d:.3f}"),
    "lec.toy_3.title": ("Round {t}: the last stump; its mistakes grow × d{ts} = {d:.3f}",
                        "第 {t} 轮：最后一个树桩；它分错的点权重乘以 d{ts} = {d:.3f}"),
    "lec.toy_1.take": ("ε₁ = {eps:.3f}: wrong points × d₁, right points ÷ d₁ = {d:.3f}, so on the new "
                       "weights f₁ is exactly at chance (weighted error 0.5).",
                       "ε₁ = {eps:.3f}：分错的点乘以 d₁，分对的点除以 d₁ = {d:.3f}，于是在新权重下 f₁ "
                       "恰好等于随机猜测（加权误差 0.5）。"),
    "lec.toy_2.take": ("ε₂ = {eps:.3f}: f₂ gets three points wrong that f₁ got right — it is "
                       "different from f₁, and better, so α₂ > α₁.",
                       "ε₂ = {eps:.3f}：f₂ 分错的三个点都是 f₁ 分对的——它与 f₁ 不同，而且更准，所以 α₂ > α₁。"),
    "lec.toy_3.take": ("ε₃ = {eps:.3f}: f₃ gets wrong three of the four points both earlier rounds "
                       "got right; the most accurate stump gets the largest vote.",
                       "ε₃ = {eps:.3f}：f₃ 分错的是前两轮都分对的四个点中的三个；最准的树桩得到最大的票重。"),
    "lec.toy.frame_title": ("f{ts}: {rule} → +1 · ε{ts} = {eps:.3f} · α{ts} = {alpha:.3f}",
                            "f{ts}：{rule} → +1 · ε{ts} = {eps:.3f} · α{ts} = {alpha:.3f}"),
    "lec.toy.wrong": ("misclassified by f{ts}", "被 f{ts} 分错"),
    "lec.toy.weights_note": ("Point sizes and labels are the weights **after** round {t}, "
                             "u{ts1} = u{ts} × {d:.3f} (wrong, bold) or u{ts} / {d:.3f} (right).",
                             "点的大小和标注是第 {t} 轮**之后**的权重：u{ts1} = u{ts} × {d:.3f}（分错，加粗）"
                             "或 u{ts} / {d:.3f}（分对）。"),
    "lec.toy.rounded": ("Show the slide's rounded chain", "显示幻灯片上的四舍五入链"),
    "lec.toy.slide": ("slide:", "幻灯片："),
    "lec.toy.rounded_why": ("Why the slide differs: it rounds every number to two decimals and "
                            "carries the rounded numbers into the next round. ε₂ = 0.21 instead of "
                            "3/14 = 0.214 gives d₂ = √(0.79/0.21) = 1.94 instead of 1.915, and the "
                            "rounding errors compound in round 3 (d₃ = 2.59 instead of 2.517). The "
                            "exact chain is what the engine computes.",
                            "为什么幻灯片上的数不同：它把每个数四舍五入到两位小数，再把舍入后的数带入下一轮。"
                            "ε₂ 取 0.21 而不是 3/14 = 0.214，得到 d₂ = √(0.79/0.21) = 1.94 而不是 1.915；"
                            "误差在第 3 轮继续累积（d₃ = 2.59 而不是 2.517）。精确链是引擎算出的值。"),
    "lec.toy_vote.short": ("Toy example: the final vote", "玩具例子：最终投票"),
    "lec.toy_vote.title": ("H(x) = sign({a1:.3f} f₁ + {a2:.3f} f₂ + {a3:.3f} f₃): six regions, one vote each",
                           "H(x) = sign({a1:.3f} f₁ + {a2:.3f} f₂ + {a3:.3f} f₃)：六个区域，各自投票"),
    "lec.toy_vote.take": ("Three stumps that each get 3 points wrong combine into H that classifies "
                          "{k} of {n} points correctly; a more accurate fₜ gets a larger αₜ.",
                          "三个各分错 3 个点的树桩组合成的 H 分对了 {n} 个点中的 {k} 个；越准的 fₜ 得到越大的 αₜ。"),
    "lec.toy.vote_title": ("g(x) = {a1:.3f} f₁ + {a2:.3f} f₂ + {a3:.3f} f₃ in each region",
                           "每个区域内 g(x) = {a1:.3f} f₁ + {a2:.3f} f₂ + {a3:.3f} f₃"),
    "lec.toy.region": ("region", "区域"),
    "lec.bound.short": ("Why training error → 0", "为什么训练误差 → 0"),
    "lec.bound.title": ("Training error ≤ Π 2√(εₜ(1−εₜ)): the bound falls every round",
                        "训练误差 ≤ Π 2√(εₜ(1−εₜ))：上界每一轮都在下降"),
    "lec.bound.take": ("Every factor is < 1 because εₜ < 0.5, so the bound shrinks (≈ {b10:.3f} after "
                       "10 rounds, {b100:.2e} after 100) and pushes the training error to 0 at round {t0}.",
                       "因为 εₜ < 0.5，每个因子都 < 1，上界不断缩小（10 轮后 ≈ {b10:.3f}，100 轮后 "
                       "{b100:.2e}），把训练误差在第 {t0} 轮压到 0。"),
    "lec.bound.take.not": (
        "Every factor is < 1 because εₜ < 0.5, so the bound shrinks (≈ {b10:.3f} after 10 rounds, "
        "{b100:.2e} after 100); here the training error has not reached 0 in {T} rounds (its "
        "lowest is {low:.3f}).",
        "因为 εₜ < 0.5，每个因子都 < 1，上界不断缩小（10 轮后 ≈ {b10:.3f}，100 轮后 {b100:.2e}）；"
        "这里训练误差在 {T} 轮内还没有降到 0（最低 {low:.3f}）。"),
    "lec.bound.bound": ("bound Π 2√(ε(1−ε))", "上界 Π 2√(ε(1−ε))"),
    "lec.bound.factor": ("factor 2√(εₜ(1−εₜ)) < 1", "因子 2√(εₜ(1−εₜ)) < 1"),
    "lec.bound.data": ("AdaBoost with depth-{depth} trees on the spirals data ({n:,} training "
                       "points, as many test points), T = {T}.",
                       "AdaBoost（深度 {depth} 的树）在螺旋数据上（{n:,} 个训练点，同样多的测试点），T = {T}。"),
    "lec.zero_at": ("training error 0 at t = {t}", "第 t = {t} 轮训练误差为 0"),
    "lec.T_log": ("rounds T (log scale)", "轮数 T（对数坐标）"),
    "lec.round": ("round t", "轮次 t"),
    "lec.test_err.short": ("Test error keeps falling", "测试误差继续下降"),
    "lec.test_err.title": ("The test error keeps falling after the training error reaches 0",
                           "训练误差到 0 之后，测试误差还在下降"),
    "lec.test_err.take": (
        "Training error is 0 from round {t0} (test error {at:.3f} there), and the test error keeps "
        "falling after it: {end:.3f} at T = {T}. Adding rounds did not overfit.",
        "从第 {t0} 轮起训练误差为 0（此时测试误差 {at:.3f}），此后测试误差继续下降：T = {T} 时为 "
        "{end:.3f}。继续增加轮数并没有过拟合。"),
    "lec.test_err.take.not.never": (
        "Here the training error does not reach 0 in {T} rounds (lowest {low:.3f}), so there is no "
        "“after 0” to watch; the test error ends at {end:.3f}.",
        "这里训练误差在 {T} 轮内没有降到 0（最低 {low:.3f}），因此无从观察“降到 0 之后”；测试误差最终为 {end:.3f}。"),
    "lec.test_err.take.not.flat": (
        "Training error is 0 from round {t0} (test error {at:.3f} there); here the test error does "
        "not fall after it ({end:.3f} at T = {T}).",
        "从第 {t0} 轮起训练误差为 0（此时测试误差 {at:.3f}）；这里此后测试误差没有下降（T = {T} 时为 {end:.3f}）。"),
    "lec.margins.short": ("Margins grow", "间隔在增大"),
    "lec.margins.title": ("Why: the margins y·g(x) keep growing after training error is 0",
                          "原因：训练误差为 0 之后，间隔 y·g(x) 还在增大"),
    "lec.margins.take": (
        "The margins keep growing: the smallest normalized margin goes {m} at T = {T}, so the "
        "CDF's left end moves right — the vote gets more confident even where it is already right.",
        "间隔持续增大：T = {T} 时最小归一化间隔依次为 {m}，累积分布的左端不断右移——即使在已分对的地方，投票也越来越有把握。"),
    "lec.margins.take.not": (
        "Here the smallest normalized margin goes {m} at T = {T}: it does not grow at every step.",
        "这里 T = {T} 时最小归一化间隔依次为 {m}：并非每一步都在增大。"),
    "lec.margin_x": ("normalized margin y·g(x) / Σαₜ", "归一化间隔 y·g(x) / Σαₜ"),
    "lec.cdf": ("share of training points ≤ margin", "间隔不超过该值的训练点比例"),
    "lec.m.min": ("min margin", "最小间隔"),
    "lec.m.median": ("median", "中位数"),
    "lec.m.small": ("margin < 0.1", "间隔 < 0.1"),
    "lec.gb_ada.short": ("GB with exp loss = AdaBoost", "指数损失的梯度提升 = AdaBoost"),
    "lec.gb_ada.title": ("Gradient boosting with the exponential loss is AdaBoost",
                         "使用指数损失的梯度提升就是 AdaBoost"),
    "lec.gb_ada.take": ("Fitting fₜ to −∂L/∂g with l = e^(−y·g) and a line search for αₜ gives, "
                        "round by round for T = {T}, the same stump, the same αₜ and the same g(x).",
                        "以 l = e^(−y·g) 将 fₜ 拟合到 −∂L/∂g 并线搜索 αₜ，在 T = {T} 的每一轮都得到同样的树桩、"
                        "同样的 αₜ 和同样的 g(x)。"),
    "lec.gb_ada.take.not": (
        "Here only {same} of {T} rounds pick the same stump (largest difference in αₜ: "
        "{dalpha:.1e}): a tie between equally good stumps can be broken differently.",
        "这里 {T} 轮中只有 {same} 轮选了同样的树桩（αₜ 最大差异 {dalpha:.1e}）：同样好的树桩之间的平局可能被不同地打破。"),
    "lec.gb_ada.note": ("Same split in every round: {ok}. GradientBoostingClassifier(loss=\"exponential\", "
                        "max_depth=1, learning_rate=1, init=\"zero\", line_search=\"per_stage\") vs "
                        "AdaBoostClassifier() on two moons (140 training points).",
                        "每一轮的划分都相同：{ok}。GradientBoostingClassifier(loss=\"exponential\", "
                        "max_depth=1, learning_rate=1, init=\"zero\", line_search=\"per_stage\") 对比 "
                        "AdaBoostClassifier()，数据为双月（140 个训练点）。"),
    "lec.gb.ada_alpha": ("AdaBoost αₜ = ln dₜ", "AdaBoost αₜ = ln dₜ"),
    "lec.gb.gb_alpha": ("gradient boosting αₜ (line search)", "梯度提升 αₜ（线搜索）"),
    "lec.gb.g_ada": ("g(x), AdaBoost", "g(x)，AdaBoost"),
    "lec.gb.g_gb": ("g(x), gradient boosting", "g(x)，梯度提升"),
    "lec.gb.same_stumps": ("same stump", "相同树桩"),
    "lec.gb.max_dalpha": ("max |Δαₜ|", "最大 |Δαₜ|"),
    "lec.gb.max_dg": ("max |Δg(x)|", "最大 |Δg(x)|"),
    "lec.gb.sign": ("same sign of g", "g 同号比例"),
    "lec.gb.ada_stump": ("AdaBoost stump", "AdaBoost 树桩"),
    "lec.gb.gb_stump": ("GB stump", "梯度提升树桩"),
    "lec.gb_losses.short": ("GB with other losses", "其他损失的梯度提升"),
    "lec.gb_losses.title": ("Other losses, same recipe: fit fₜ to the negative gradient of the loss",
                            "换一个损失，配方不变：让 fₜ 拟合损失的负梯度"),
    "lec.gb_losses.take": (
        "Squared error chases the outliers (its residual y − g is largest there): at the "
        "outliers g is {sq:.2f} off the sine; absolute error uses only the sign of y − g, so an "
        "outlier pulls no harder than any point ({ab:.2f} off); Huber sits in between ({hu:.2f}).",
        "平方误差会追着离群点跑（那里的残差 y − g 最大）：在离群点处 g 偏离正弦曲线 {sq:.2f}；绝对误差只用 y − g 的符号，"
        "离群点的拉力并不比别的点大（偏离 {ab:.2f}）；Huber 居中（{hu:.2f}）。"),
    "lec.gb_losses.take.not": (
        "Here the order is not the lecture's: at the outliers g is {sq:.2f} off the sine with "
        "squared error, {hu:.2f} with Huber, {ab:.2f} with absolute error.",
        "这里的顺序与课程不同：在离群点处，平方误差下 g 偏离正弦曲线 {sq:.2f}，Huber 为 {hu:.2f}，绝对误差为 {ab:.2f}。"),
    "lec.gbl.top": ("g₆₀(x) after 60 stages, one curve per loss", "60 个阶段后的 g₆₀(x)，每种损失一条曲线"),
    "lec.gbl.bottom": ("what f₁ is fitted to: the pseudo-residuals −∂l/∂g at g₀",
                       "f₁ 拟合的目标：g₀ 处的伪残差 −∂l/∂g"),
    "lec.loss.squared_error": ("squared error", "平方误差"),
    "lec.loss.absolute_error": ("absolute error", "绝对误差"),
    "lec.loss.huber": ("Huber", "Huber"),
    "lec.stacking.short": ("Stacking vs voting", "堆叠与投票"),
    "lec.stacking.title": ("Stacking: the final classifier learns from outputs on data the base "
                           "systems never saw", "堆叠：最终分类器在基础系统没见过的数据上学习它们的输出"),
    "lec.stacking.take": ("Part 1 ({n1} points) trains the base systems; part 2 ({n2} points, hollow "
                          "diamonds) trains the logistic regression on their outputs: test accuracy "
                          "{s:.1%} (voting {v:.1%}). Split 5 ways instead, so that every point "
                          "trains the final classifier once on outputs of bases that never saw it "
                          "(as scikit-learn's StackingClassifier does), stacking reaches {s_cv:.1%}; "
                          "the results below are that fit's.",
                          "第 1 部分（{n1} 个点）训练基础系统；第 2 部分（{n2} 个点，空心菱形）在它们的输出上训练"
                          "逻辑回归：测试准确率 {s:.1%}（投票 {v:.1%}）。若改为 5 折划分，让每个点都恰好一次"
                          "用从未见过它的基础系统的输出来训练最终分类器（与 scikit-learn 的 StackingClassifier"
                          "相同），堆叠达到 {s_cv:.1%}；下面的结果来自这次拟合。"),
    "lec.sk.holdout_bar": ("stacking (hold-out)", "堆叠（留出）"),
    "lec.sk.cv_bar": ("stacking (5-fold)", "堆叠（5 折）"),
    "lec.sk.part1": ("part 1: base systems", "第 1 部分：基础系统"),
    "lec.sk.part2": ("part 2: final classifier (hold-out)", "第 2 部分：最终分类器（留出）"),
    "lec.sk.split_title": ("Stacking (logistic regression on tree, kNN, logistic regression, naive Bayes) "
                           "and its hold-out split", "堆叠（在决策树、kNN、逻辑回归、朴素贝叶斯之上的逻辑回归）及其留出划分"),
    "lec.sk.vote_title": ("Soft voting of the same four systems", "同样四个系统的软投票"),
    "lec.train_acc": ("training accuracy", "训练准确率"),
    "lec.test_acc": ("test accuracy", "测试准确率"),
    "lec.accuracy": ("accuracy", "准确率"),
    "lec.play": ("Play", "播放"),
    "lec.pause": ("Pause", "暂停"),
    "lec.prev": ("Previous", "上一步"),
    "lec.next": ("Next", "下一步"),
    "lec.fitting": ("Fitting…", "训练中…"),
    "lec.sb.title": ("Lecture", "课堂"),
    "lec.sb.step": ("Step", "步骤"),
    "lec.sb.present": ("Presentation mode", "演示模式"),
    "lec.sb.present_help": ("Large type, no sidebar, only previous / next (←/→ or PageUp/PageDown). "
                            "Bookmark the URL to come back to this step.",
                            "大字号、隐藏侧栏，只保留上一步 / 下一步（←/→ 或 PageUp/PageDown）。"
                            "收藏网址即可回到这一步。"),
    "lec.sb.theme": ("Theme", "主题"),
    "lec.theme.light": ("light", "浅色"),
    "lec.theme.dark": ("dark", "深色"),
    "lec.theme.toggle": ("Theme", "主题"),
    "lec.sb.shape": ("Silhouette (image experiment)", "剪影（图像实验）"),
    "lec.sb.bag_T": ("Bootstrap sets (bagging)", "自助样本集数（Bagging）"),
    "lec.sb.seed": ("Seed (bagging)", "随机种子（Bagging）"),
    "lec.exit_present": ("Exit", "退出"),
    "lec.img.colour": ("Blue: where the model says inside the silhouette; one cell per pixel of the "
                       "{w} × {h} picture. Trained on {n:,} of its {N:,} pixels ({share:.0%}), "
                       "tested on the other {m:,}. Outline distance: how far, on average, the "
                       "drawn outline lies from the picture's, in pixels (0 = the same shape).",
                       "蓝色：模型判为剪影内部的地方；每个格子对应 {w} × {h} 原图的一个像素。用 {N:,} 个"
                       "像素中的 {n:,} 个（{share:.0%}）训练，其余 {m:,} 个测试。轮廓距离：画出的轮廓与"
                       "原图轮廓之间的平均距离，以像素计（0 = 形状相同）。"),
    "lec.ex.title": ("Take home: export this step", "带回家：导出这一步"),
    "lec.ex.png": ("PNG: use the camera button in each chart's toolbar (saved at 2× resolution). "
                   "HTML files are standalone and work offline; animated ones play the rounds.",
                   "PNG：点击每个图表工具栏中的相机按钮（2 倍分辨率）。HTML 文件可独立离线打开；"
                   "动画版可以逐轮播放。"),
    "lec.ex.chart_html": ("{name}.html", "{name}.html"),
    "lec.ex.anim_html": ("{name} (animated).html", "{name}（动画）.html"),
    "lec.ex.csv": ("{name}", "{name}"),
    "lec.ex.settings": ("Settings: link and JSON", "设置：链接与 JSON"),
    "lec.ex.json": ("Download settings (JSON)", "下载设置（JSON）"),
    "lec.ex.paste": ("Paste settings JSON", "粘贴设置 JSON"),
    "lec.ex.upload": ("…or upload a settings file", "……或上传设置文件"),
    "lec.ex.load": ("Load settings", "载入设置"),
    "lec.ex.bad_json": ("These settings were not loaded: {err}.", "未载入这些设置：{err}。"),
}
