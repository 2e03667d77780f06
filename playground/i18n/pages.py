"""Texts of the ensemble pages: overview, trees, AdaBoost, gradient boosting, stacking, compare
(key: (English, 中文))."""

TEXTS: dict[str, tuple[str, str]] = {
    # overview
    "ov.title": ("Ensemble Playground", "集成学习游乐场"),
    "ov.lead": (
        "Many different, complementary classifiers f₁, f₂, … aggregated properly can beat any one "
        "of them. Below, AdaBoost is combining small trees (depth 3) on two spirals, live: every "
        "round adds one tree fₜ, and the boundary of Hₜ = sign(α₁f₁ + … + αₜfₜ) bends a little "
        "more.",
        "一组彼此不同、互补的分类器 f₁, f₂, … 经过恰当的聚合，可以胜过其中任何一个。下面是 AdaBoost "
        "正在双螺旋数据上实时组合小树（深度 3）：每一轮加入一棵树 fₜ，Hₜ = sign(α₁f₁ + … + αₜfₜ) 的边界就再弯曲一点。"),
    "ov.map": ("A map of the lecture", "课程地图"),
    "ov.framework": (
        "**The framework.** Get classifiers that are *different* and *complementary*, then "
        "aggregate them. Three ways:",
        "**框架。** 得到一组*不同*且*互补*的分类器，再把它们聚合起来。三种方式："),
    "ov.card.tr": (
        "**Bagging** (parallel): train each learner on a bootstrap sample, vote. Reduces variance: "
        "helps deep, overfitting trees. Random forest adds random feature subsets at each split.",
        "**Bagging**（并行）：每个学习器用一份自助采样训练，再投票。降低方差：对容易过拟合的深树有效。"
        "随机森林在每次分裂时再随机选取特征子集。"),
    "ov.card.ab": (
        "**Boosting** (sequential): each learner is trained on re-weighted data on which the "
        "previous one is no better than chance. AdaBoost drives the training error to 0.",
        "**Boosting**（串行）：每个学习器在重新加权后的数据上训练，使上一个学习器在其上与瞎猜无异。"
        "AdaBoost 能把训练误差降到 0。"),
    "ov.card.gb": (
        "**Gradient boosting**: gradient descent in function space; with the exponential loss it "
        "*is* AdaBoost.",
        "**梯度提升**：在函数空间中做梯度下降；使用指数损失时它*就是* AdaBoost。"),
    "ov.card.sk": (
        "**Stacking**: a simple final classifier learns how to combine the base systems' outputs, "
        "trained on data the bases never saw.",
        "**堆叠（Stacking）**：用一个简单的最终分类器学习如何组合基础系统的输出，且它的训练数据是基础系统没见过的。"),
    "ov.card.cp": (
        "**Compare**: every method on one data set (or your own CSV): train and test accuracy, "
        "fit time.",
        "**方法比较**：所有方法在同一份数据（或你上传的 CSV）上的训练/测试准确率与训练时间。"),
    "sec.start": ("Start here", "从这里开始"),
    "sec.ensembles": ("Ensembles", "集成学习"),
    "sec.course": ("More of the course", "课程的其他部分"),
    "ov.try": ("Things to try", "可以试试"),
    "ov.try1": ("Press Reset, then Step: watch which points grow (their weight uₜ rises when "
                "fₜ gets them wrong).",
                "按“重置”，再按“单步”：观察哪些点变大（被 fₜ 分错的点权重 uₜ 会上升）。"),
    "ov.try2": (
        "Open *Trees, bagging, random forest* and set the depth to 20: one tree then fits its "
        "training data perfectly ({tr:.1%}) but scores {te:.1%} on the test set, while the forest "
        "of such trees scores {f:.1%}.",
        "打开*决策树、Bagging、随机森林*，把深度设为 20：单棵树完美拟合训练数据（{tr:.1%}），"
        "测试集上却只有 {te:.1%}，而由这样的树组成的森林达到 {f:.1%}。"),
    "ov.try2.not": (
        "Open *Trees, bagging, random forest* and set the depth to 20: on its default data one "
        "tree scores {tr:.1%} on training and {te:.1%} on test data, the forest {f:.1%} — raise "
        "the noise to see one tree overfit and the forest not.",
        "打开*决策树、Bagging、随机森林*，把深度设为 20：在默认数据上单棵树训练 {tr:.1%}、测试 {te:.1%}，"
        "森林为 {f:.1%}——提高噪声即可看到单棵树过拟合而森林不会。"),
    "ov.try3": ("Switch to 中文 in the sidebar; copy the URL to share the exact view.",
                "在侧边栏切换到 English；复制网址即可分享当前视图。"),
    # adaboost
    "ab.title": ("AdaBoost: re-weighting, round by round", "AdaBoost：一轮一轮地重新加权"),
    "ab.lead": (
        "Round t trains fₜ on weights uₜ, measures its weighted error εₜ, and multiplies the "
        "weight of every example fₜ gets wrong by dₜ = √((1−εₜ)/εₜ) (divides the others by it). "
        "Point size = uₜ.",
        "第 t 轮用权重 uₜ 训练 fₜ，计算加权错误率 εₜ，把被 fₜ 分错的样本权重乘以 "
        "dₜ = √((1−εₜ)/εₜ)（分对的除以 dₜ）。点的大小 = uₜ。"),
    "ab.T": ("Rounds T", "轮数 T"),
    "ab.depth": ("Base tree depth (1 = stump)", "基学习器树深（1 = 树桩）"),
    "ab.H": ("Hₜ = sign(α₁f₁ + … + αₜfₜ): the ensemble after round t",
             "Hₜ = sign(α₁f₁ + … + αₜfₜ)：第 t 轮后的集成"),
    "ab.f": ("fₜ alone, trained on uₜ (size = uₜ, × = misclassified)",
             "单独的 fₜ，用 uₜ 训练（大小 = uₜ，× = 分错）"),
    "ab.bars": ("αₜ (weight of fₜ in the vote) and εₜ (its weighted error)",
                "αₜ（fₜ 的投票权重）与 εₜ（加权错误率）"),
    "ab.curves": ("Training and test error of Hₜ, and the bound Π 2√(ε(1−ε))",
                  "Hₜ 的训练与测试误差，以及上界 Π 2√(ε(1−ε))"),
    "ab.margins": ("Margin distribution (cumulative) at chosen rounds and at round t",
                   "选定轮次与第 t 轮的间隔分布（累积）"),
    "ab.claim.bound": ("The training error stays under the bound Π 2√(ε(1−ε)) at every round: "
                       "after {T} rounds the bound is {b:.3g}.",
                       "训练误差在每一轮都低于上界 Π 2√(ε(1−ε))：{T} 轮后上界为 {b:.3g}。"),
    "ab.claim.bound.not.samme": (
        "With {k} classes the engine runs SAMME: the lecture's bound Π 2√(ε(1−ε)) is for two "
        "classes, so it is not drawn; the training error is still driven down as long as every "
        "εₜ < 1 − 1/{k}.",
        "{k} 个类别时引擎使用 SAMME：课程中的上界 Π 2√(ε(1−ε)) 只适用于二分类，因此不画出；"
        "只要每个 εₜ < 1 − 1/{k}，训练误差仍会被不断压低。"),
    "ab.claim.bound.not": ("The training error went above the bound: this should never happen; "
                           "please report it.",
                           "训练误差超过了上界：这不应发生，请报告。"),
    "ab.claim.after_zero": (
        "The training error reaches 0 at round {t0}, and the test error keeps falling after it: "
        "{at:.3f} at round {t0}, {end:.3f} at round {T}.",
        "训练误差在第 {t0} 轮降到 0，此后测试误差继续下降：第 {t0} 轮为 {at:.3f}，第 {T} 轮为 {end:.3f}。"),
    "ab.claim.after_zero.not.never": (
        "Here the training error does not reach 0 in {T} rounds (its lowest is {low:.3f}), so "
        "the lecture's point — the test error keeps falling after it — cannot show: add rounds, "
        "or use a stronger base learner (deeper trees).",
        "这里训练误差在 {T} 轮内没有降到 0（最低 {low:.3f}），因此看不到课程所说的“之后测试误差仍在下降”："
        "请增加轮数，或换更强的基学习器（更深的树）。"),
    "ab.claim.after_zero.not.flat": (
        "The training error reaches 0 at round {t0}, but here the test error does not fall after "
        "it: {at:.3f} at round {t0}, {end:.3f} at round {T}. With little noise it may already be "
        "as low as it gets; with much noise, boosting starts to fit the noise.",
        "训练误差在第 {t0} 轮降到 0，但此后测试误差没有下降：第 {t0} 轮为 {at:.3f}，第 {T} 轮为 {end:.3f}。"
        "噪声很小时它可能已降到最低；噪声很大时，提升开始拟合噪声。"),
    "ab.claim.after_zero.not.no_test": (
        "These data have no test set, so the test error cannot be shown.",
        "这份数据没有测试集，因此无法显示测试误差。"),
    "ab.claim.margins": (
        "The margins keep growing: the smallest normalized margin y·g(x)/Σα is {a:+.3f} after 5 "
        "rounds and {b:+.3f} after {T}: the left end of the distribution moves right.",
        "间隔持续增大：最小归一化间隔 y·g(x)/Σα 在 5 轮后为 {a:+.3f}，{T} 轮后为 {b:+.3f}：分布的左端向右移动。"),
    "ab.claim.margins.not": (
        "Here the smallest normalized margin does not grow: {a:+.3f} after 5 rounds, {b:+.3f} after "
        "{T}.",
        "这里最小归一化间隔没有增大：5 轮后为 {a:+.3f}，{T} 轮后为 {b:+.3f}。"),
    "ab.claim.margins.not.short": (
        "With {T} rounds there are too few to watch the margins grow; use at least 6.",
        "只有 {T} 轮，太少，看不出间隔的增长；请至少用 6 轮。"),
    "ab.margin_rounds": ("Margin CDF at rounds", "显示间隔 CDF 的轮次"),
    "ab.formulas": ("Round t in numbers", "第 t 轮的数值"),
    "ab.bound": ("bound Π 2√(ε(1−ε))", "上界 Π 2√(ε(1−ε))"),
    "ab.stopped": ("AdaBoost stopped early after {n} rounds: {reason}",
                   "AdaBoost 在第 {n} 轮提前停止：{reason}"),
    "ab.binary_only": ("With {k} classes the engine runs SAMME (Zhu et al. 2009): αₜ = "
                       "ln((1−εₜ)/εₜ) + ln({k}−1), wrong points' weights × e^αₜ. The bound "
                       "Π 2√(ε(1−ε)) is the lecture's for two classes, so it is not drawn; a "
                       "margin is the vote for the right class minus the largest vote for another, "
                       "over Σα.",
                       "{k} 个类别时引擎使用 SAMME（Zhu 等，2009）：αₜ = ln((1−εₜ)/εₜ) + ln({k}−1)，"
                       "分错的点权重乘以 e^αₜ。上界 Π 2√(ε(1−ε)) 是课程中的二分类结论，因此不画出；"
                       "间隔是正确类别的得票减去其他类别中最高的得票，再除以 Σα。"),
    # trees / forest
    "tr.title": ("Trees, bagging and random forest", "决策树、Bagging 与随机森林"),
    "tr.lead": (
        "A deep tree can fit its training data perfectly and overfit (high variance). Bagging "
        "trains T trees on bootstrap samples and lets them vote; a random forest also restricts "
        "every split to a random subset of the features, so the trees differ more.",
        "深的决策树可以完美拟合训练数据，却会过拟合（高方差）。Bagging 用 T 份自助采样训练 T 棵树并投票；"
        "随机森林还让每次分裂只能使用随机的一部分特征，使树之间更不相同。"),
    "tr.method": ("Method", "方法"),
    "tr.m.tree": ("Single tree", "单棵树"),
    "tr.m.bagging": ("Bagging", "Bagging"),
    "tr.m.forest": ("Random forest", "随机森林"),
    "tr.depth": ("Max depth (0 = unlimited)", "最大深度（0 = 不限）"),
    "tr.criterion": ("Split criterion", "分裂准则"),
    "tr.T": ("Number of trees T", "树的数量 T"),
    "tr.max_features": ("Features per split", "每次分裂可用特征"),
    "tr.max_samples": ("Bootstrap size N'/N", "自助样本大小 N'/N"),
    "tr.bootstrap": ("Draw with replacement (bootstrap)", "有放回抽样（bootstrap）"),
    "tr.base.tree": ("tree of depth {d}", "深度为 {d} 的树"),
    "tr.claim.fits": (
        "A fully grown tree fits its {n} training points perfectly (training accuracy "
        "{tr:.1%}) but reaches {te:.1%} on the test set: it has learned the noise too (high "
        "variance).",
        "一棵完全生长的树完美拟合 {n} 个训练点（训练准确率 {tr:.1%}），测试准确率却只有 {te:.1%}："
        "它连噪声也学了进去（方差大）。"),
    "tr.claim.fits.not": (
        "This fully grown tree does not fit every training point ({tr:.1%}): some points share "
        "the same position with different labels. Test accuracy: {te:.1%}.",
        "这棵完全生长的树没有拟合所有训练点（{tr:.1%}）：有些点位置相同而标签不同。测试准确率：{te:.1%}。"),
    "tr.claim.fits.not.limited": (
        "A tree limited to depth {d} reaches {tr:.1%} on the training and {te:.1%} on the test "
        "data. Set the depth to 0 (unlimited) to see a tree fit its training data perfectly.",
        "深度限制为 {d} 的树在训练集上为 {tr:.1%}，测试集上为 {te:.1%}。把深度设为 0（不限）可看到一棵树完美拟合训练数据。"),
    "tr.claim.beats": (
        "{method} of {T}: test error {e:.3f}; one {base} alone: {b:.3f}. Averaging many deep, "
        "different learners cut the error by {gain:.3f}: bagging reduces variance.",
        "{T} 个学习器的{method}：测试误差 {e:.3f}；单独一棵{base}：{b:.3f}。对许多不同的深层学习器取平均，"
        "误差降低了 {gain:.3f}：Bagging 降低方差。"),
    "tr.claim.beats.not": (
        "Here {method} of {T} does not beat one {base} alone: test error {e:.3f} against {b:.3f}. "
        "Bagging helps a learner that overfits (deep trees, noisy data); on easy data one learner "
        "is already as good as it gets.",
        "这里 {T} 个学习器的{method}没有胜过单独一棵{base}：测试误差 {e:.3f} 对 {b:.3f}。"
        "Bagging 帮助的是会过拟合的学习器（深树、噪声大的数据）；在简单的数据上，单个学习器已经够好。"),
    "tr.claim.beats.stumps": (
        "Bagging {T} stumps: test error {e:.3f}; one stump: {b:.3f}. Averaging does not remove a "
        "stump's bias: bagging helps complex models that overfit, not simple ones.",
        "对 {T} 个树桩做 Bagging：测试误差 {e:.3f}；单个树桩：{b:.3f}。取平均并不能消除树桩的偏差："
        "Bagging 帮助的是会过拟合的复杂模型，而不是简单模型。"),
    "tr.claim.beats.not.stumps": (
        "Bagging {T} stumps changed the test error from {b:.3f} to {e:.3f}: more than the "
        "lecture expects from averaging a high-bias learner (the bootstrap sets move the stumps' "
        "thresholds).",
        "对 {T} 个树桩做 Bagging，测试误差从 {b:.3f} 变为 {e:.3f}：比课程对高偏差学习器取平均的预期变化更大"
        "（自助样本移动了树桩的阈值）。"),
    "tr.claim.beats.not.no_test": ("These data have no test set.", "这份数据没有测试集。"),
    "tr.claim.oob": (
        "The out-of-bag error ({o:.3f}) estimates the test error ({e:.3f}) without a test set: "
        "each point is scored only by the learners that never saw it.",
        "袋外误差（{o:.3f}）不需要测试集就估计出了测试误差（{e:.3f}）：每个点只由没见过它的学习器打分。"),
    "tr.claim.oob.not": (
        "Here the out-of-bag error ({o:.3f}) and the test error ({e:.3f}) differ by {d:.3f}, "
        "more than the test error's own uncertainty on {n} points (about ±{se:.3f}).",
        "这里袋外误差（{o:.3f}）与测试误差（{e:.3f}）相差 {d:.3f}，超过了 {n} 个测试点本身的不确定度（约 ±{se:.3f}）。"),
    "tr.claim.oob.not.none": (
        "Without bootstrap sampling (or a test set) there is no out-of-bag estimate to compare.",
        "没有自助采样（或没有测试集）时，无法比较袋外估计。"),
    "tr.vote": ("Vote of the first t learners", "前 t 个学习器的投票"),
    "tr.single": ("One tree on all the training data", "用全部训练数据训练的一棵树"),
    "tr.grid": ("Single learners, each with its bootstrap sample (size = copies drawn, × = out of bag)",
                "单个学习器及其自助样本（大小 = 被抽中次数，× = 袋外）"),
    "tr.oob_curve": ("Training, test and out-of-bag error as T grows",
                     "随着 T 增大的训练、测试与袋外误差"),
    "tr.disagree": ("Where the learners disagree (share voting against the majority)",
                    "学习器之间的分歧（投反对票的比例）"),
    "tr.importance": ("Feature importances", "特征重要性"),
    "tr.joins": (" (joins the vote at t = {t})", "（t = {t} 时加入投票）"),
    "tr.disagree_one": ("Where the learners disagree: with t = 1 there is one learner, so nothing "
                        "yet — press Play or Step",
                        "学习器意见分歧之处：t = 1 时只有一个学习器，还没有分歧——请按“播放”或“单步”"),
    "tr.depths": ("The same data, one tree at depth 5, 10, 15 and 20",
                  "同样的数据，深度 5、10、15、20 的单棵树"),
    "tr.depths_image": ("The image experiment: the picture, and trees of depth 5, 10, 15, 20",
                        "图像实验：原图，以及深度 5、10、15、20 的树"),
    "tr.picture": ("The picture", "原图"),
    "tr.stats_img": ("depth {d} · {l} leaves<br>train acc {tr:.1%}<br>test acc {te:.1%}",
                     "深度 {d} · {l} 个叶子<br>训练准确率 {tr:.1%}<br>测试准确率 {te:.1%}"),
    "tr.stats": ("depth {d}, {l} leaves<br>train acc {tr:.1%} · test acc {te:.1%}",
                 "深度 {d}，{l} 个叶子<br>训练准确率 {tr:.1%} · 测试准确率 {te:.1%}"),
    "tr.oob_note": ("About (1−1/N)^N ≈ 36.8 % of the examples are out of bag for each learner; "
                    "here: {frac:.1%} on average.",
                    "每个学习器约有 (1−1/N)^N ≈ 36.8 % 的样本在袋外；这里平均为 {frac:.1%}。"),
    # gradient boosting
    "gb.title": ("Gradient boosting: gradient descent in function space",
                 "梯度提升：函数空间中的梯度下降"),
    "gb.lead": (
        "gₜ = gₜ₋₁ + η αₜ fₜ, where fₜ is a regression tree fit to the pseudo-residuals "
        "−∂l/∂g at gₜ₋₁. With the exponential loss the recipe is AdaBoost.",
        "gₜ = gₜ₋₁ + η αₜ fₜ，其中 fₜ 是拟合 gₜ₋₁ 处伪残差 −∂l/∂g 的回归树。"
        "使用指数损失时，这个过程就是 AdaBoost。"),
    "gb.view": ("View", "视图"),
    "gb.v.1d": ("1-D regression", "一维回归"),
    "gb.v.2d": ("2-D classification", "二维分类"),
    "gb.data1d": ("1-D data set", "一维数据集"),
    "gb.loss": ("Loss", "损失函数"),
    "gb.lr": ("Learning rate η", "学习率 η"),
    "gb.T": ("Stages T", "阶段数 T"),
    "gb.depth": ("Tree depth", "树深"),
    "gb.subsample": ("Subsample", "子采样比例"),
    "gb.claim.falls": (
        "Each stage is one step of gradient descent in function space: the training loss falls "
        "at every stage, from {a:.4f} after stage 1 to {b:.4f} after stage {T}.",
        "每个阶段都是函数空间中的一步梯度下降：训练损失每个阶段都在下降，从第 1 阶段的 {a:.4f} 降到第 {T} 阶段的 {b:.4f}。"),
    "gb.claim.falls.not": (
        "Here the training loss rises at stage {t} (from {a:.4f} after stage 1 to {b:.4f} after "
        "stage {T}): the learning rate is too large for this loss, and a step overshoots.",
        "这里训练损失在第 {t} 阶段上升了（从第 1 阶段的 {a:.4f} 到第 {T} 阶段的 {b:.4f}）：对这种损失来说学习率太大，一步迈过了头。"),
    "gb.claim.falls.subsample": (
        "With a subsample each stage sees only part of the data, so its step is noisy; over the "
        "stages the training loss still falls, from {a:.4f} to {b:.4f}.",
        "使用子采样时，每个阶段只看到一部分数据，步子带噪声；但随着阶段推进，训练损失仍从 {a:.4f} 降到 {b:.4f}。"),
    "gb.claim.falls.not.subsample": (
        "With this subsample the noisy steps do not bring the training loss down: {a:.4f} after "
        "stage 1, {b:.4f} after stage {T}.",
        "在这个子采样比例下，带噪声的步子没有降低训练损失：第 1 阶段为 {a:.4f}，第 {T} 阶段为 {b:.4f}。"),
    "gb.stage_view": ("Stage t: gₜ₋₁, the pseudo-residuals, fₜ fit to them, and gₜ",
                      "第 t 阶段：gₜ₋₁、伪残差、拟合伪残差的 fₜ，以及 gₜ"),
    "gb.residuals": ("pseudo-residuals −∂l/∂g at gₜ₋₁", "gₜ₋₁ 处的伪残差 −∂l/∂g"),
    "gb.losscurve": ("Training and test loss per stage", "每个阶段的训练与测试损失"),
    "gb.lrs": ("Learning rates compared (test loss)", "不同学习率的比较（测试损失）"),
    "gb.exp_is_ada": ("exponential (= AdaBoost)", "指数损失（= AdaBoost）"),
    "gb.surface": ("gₜ on the plane", "平面上的 gₜ"),
    "gb.missing": ("The gradient-boosting engine is not available yet.", "梯度提升引擎尚未就绪。"),
    # stacking
    "sk.title": ("Voting and stacking", "投票与堆叠"),
    "sk.lead": (
        "Voting averages the base learners (hard: majority, soft: mean probability). Stacking "
        "trains a simple final classifier on the base learners' outputs, on data the bases never "
        "trained on.",
        "投票把基础学习器平均（硬投票：多数；软投票：平均概率）。堆叠用基础学习器的输出训练一个简单的"
        "最终分类器，而训练数据是基础学习器没见过的。"),
    "sk.learners": ("Base learners", "基础学习器"),
    "sk.final": ("Final learner", "最终学习器"),
    "sk.layers": ("Layers", "层数"),
    "sk.cv": ("Final learner trained on", "最终学习器的训练数据"),
    "sk.holdout": ("hold-out split (blending)", "留出集（blending）"),
    "sk.kfold": ("5-fold out-of-fold predictions", "5 折交叉的折外预测"),
    "sk.holdout_frac": ("Hold-out fraction", "留出比例"),
    "sk.voting": ("Voting", "投票方式"),
    "sk.claim.vote": (
        "Stacking reaches {s:.1%} on the test set, voting {v:.1%}: the final learner has learned "
        "how much to trust each base learner, where a vote trusts them all alike.",
        "堆叠在测试集上达到 {s:.1%}，投票为 {v:.1%}：最终学习器学会了对每个基学习器该信任多少，而投票对它们一视同仁。"),
    "sk.claim.vote.not": (
        "Here voting ({v:.1%}) does at least as well as stacking ({s:.1%}): with few rows for the "
        "final learner, stacking's extra freedom can cost more than it gains.",
        "这里投票（{v:.1%}）至少和堆叠（{s:.1%}）一样好：留给最终学习器的数据很少时，堆叠多出的自由度可能得不偿失。"),
    "sk.claim.vote.not.no_test": ("These data have no test set.", "这份数据没有测试集。"),
    "sk.claim.best": (
        "Stacking ({s:.1%}) also beats the best single learner, {best} ({b:.1%}), without being "
        "told which one that is.",
        "堆叠（{s:.1%}）还胜过了最好的单一学习器{best}（{b:.1%}），而且事先并不知道是哪一个。"),
    "sk.claim.best.not.close": (
        "Stacking ({s:.1%}) comes within {gap:.1%} of the best single learner, {best} ({b:.1%}), "
        "without being told which one that is; it does not beat it here.",
        "堆叠（{s:.1%}）与最好的单一学习器{best}（{b:.1%}）只差 {gap:.1%}，而且事先并不知道是哪一个；但这里没有胜过它。"),
    "sk.claim.best.not.easy": (
        "Here {best} alone reaches {b:.1%} (stacking {s:.1%}, voting {v:.1%}): one learner already "
        "fits these data, so a combination adds nothing. Try more noise, or leave {best} out.",
        "这里单独的{best}已经达到 {b:.1%}（堆叠 {s:.1%}，投票 {v:.1%}）：一个学习器已足以拟合这份数据，组合无法再增加什么。"
        "可以加大噪声，或去掉{best}。"),
    "sk.claim.best.not.no_test": ("These data have no test set.", "这份数据没有测试集。"),
    "sk.diagram": ("The stack: each node's own decision surface; edge width = |final coefficient|",
                   "堆叠结构：每个节点自己的决策面；边宽 = |最终系数|"),
    "sk.versus": ("Stacking vs voting vs the best single learner", "堆叠 vs 投票 vs 最佳单一学习器"),
    "sk.split": ("The hold-out split: bases train on part 1, the final learner on part 2",
                 "留出划分：基础学习器用第 1 部分训练，最终学习器用第 2 部分训练"),
    "sk.need2": ("Pick at least two base learners.", "请至少选择两个基础学习器。"),
    "sk.missing": ("The voting / stacking engine is not available yet.", "投票/堆叠引擎尚未就绪。"),
    "sk.final_surface": ("Stacking's decision surface", "堆叠的决策面"),
    "sk.part1": ("part 1 (bases)", "第 1 部分（基础学习器）"),
    "sk.part2": ("part 2 (final learner)", "第 2 部分（最终学习器）"),
    # compare
    "cp.base.tree": ("one deep tree", "一棵深树"),
    "cp.base.tree2": ("one tree of depth 2", "一棵深度为 2 的树"),
    "cp.base.tree3": ("one tree of depth 3", "一棵深度为 3 的树"),
    "cp.base.mean": ("its {k} learners on average", "其 {k} 个学习器的平均"),
    "cp.claim.wins": (
        "Every ensemble beats the learner it is built from (test accuracy): {all}.",
        "每个集成方法都胜过构成它的学习器（测试准确率）：{all}。"),
    "cp.claim.wins.not": (
        "On these data {n} ensemble(s) do not beat the learner they are built from: {lost}. "
        "All of them: {all}.",
        "在这份数据上，有 {n} 个集成方法没有胜过构成它的学习器：{lost}。全部结果：{all}。"),
    "cp.title": ("Compare every method on one data set", "在同一数据集上比较所有方法"),
    "cp.lead": ("Each method fit once on the same training split; accuracy on train and test, and "
                "the time fit took.",
                "每种方法在同一训练集上训练一次；显示训练/测试准确率与训练耗时。"),
    "cp.method": ("method", "方法"),
    "cp.train_acc": ("train accuracy", "训练准确率"),
    "cp.test_acc": ("test accuracy", "测试准确率"),
    "cp.fit_ms": ("fit time (ms)", "训练时间（毫秒）"),
    "cp.T": ("Ensemble size T", "集成规模 T"),
    "cp.dataset": ("Data set for the comparison", "用于比较的数据集"),
    "cp.shape": ("{n} training rows, {d} features, {k} classes", "{n} 行训练数据，{d} 个特征，{k} 个类别"),
}
