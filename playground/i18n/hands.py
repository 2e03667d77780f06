"""Texts of the inspector, the tree diagram and the member strip (issue 16 §2-4): key: (English, 中文)."""

TEXTS = {
    # the inspector: one example's story
    "in.title": ("Ask a point its story", "问问一个样本的经历"),
    "in.n": ("Point n (0 = none)", "样本 n（0 = 无）"),
    "in.n_help": ("Training points are numbered 1 … {N}, as in the data's order.",
                  "训练样本按数据顺序编号为 1 … {N}。"),
    "in.how": ("Click a training point on {chart} to pin it (or type its number): it is marked on "
               "every chart, and its history is told here from the engine's own records.",
               "在{chart}上点击一个训练样本即可固定它（或输入它的编号）：它会在每张图上被标出，"
               "这里用引擎自己记录的数字讲述它的经历。"),
    "in.where.ab": ("Hₜ (the first chart)", "Hₜ（第一张图）"),
    "in.where.tr": ("the vote (the first chart)", "投票图（第一张图）"),
    "in.where.gb2d": ("gₜ on the plane (the first chart)", "平面上的 gₜ（第一张图）"),
    "in.where.gb1d": ("the stage chart (its upper part)", "阶段图（上半部分）"),
    "in.where.sk": ("the surface chart", "决策面图"),
    "in.no_such": ("There is no point {n} here: this training set has {N} points. Nothing is "
                   "pinned.", "这里没有第 {n} 个样本：训练集只有 {N} 个样本。未固定任何样本。"),
    "in.unpin": ("Unpin", "取消固定"),
    "in.example": ("point", "样本"),
    "in.who": ("x{sup} = ({x}), y{sup} = {label}", "x{sup} = ({x})，y{sup} = {label}"),
    "in.of": ("{k} of {n}", "{n} 个中 {k} 个"),
    "in.share": ("share of Z{t}", "占 Z{t} 的比例"),
    "in.wrong_rounds": ("f₁ … fₜ wrong on it", "f₁ … fₜ 中分错它的"),
    "in.margin_t": ("its margin after round {t}", "第 {t} 轮后的间隔"),
    "in.u_title": ("Its weight uₜⁿ, round by round (log scale; × = fₜ got it wrong, so uₜ₊₁ = "
                   "uₜ·dₜ)", "它的权重 uₜⁿ（对数坐标；× = fₜ 分错了它，于是 uₜ₊₁ = uₜ·dₜ）"),
    "in.u_axis": ("uₜⁿ (log scale)", "uₜⁿ（对数坐标）"),
    "in.f_wrong": ("fₜ wrong on it", "fₜ 分错"),
    "in.margin_title": ("Its margin y·gₜ(x)/Σα over the rounds (below 0: Hₜ gets it wrong)",
                        "它的间隔 y·gₜ(x)/Σα 随轮次的变化（低于 0：Hₜ 分错它）"),
    "in.margin": ("margin", "间隔"),
    "in.wrong_side": ("Hₜ wrong below", "低于此线 Hₜ 分错"),
    "in.votes_wrong": ("learners voting against its class", "投错它类别的学习器"),
    "in.copies": ("copies in f{t}'s bootstrap set", "在 f{t} 自助样本中的份数"),
    "in.oob_for": ("out of bag for", "袋外于"),
    "in.oob_vote": ("OOB vote for its class (t = {t})", "袋外投票给它类别的比例（t = {t}）"),
    "in.copies_title": ("Copies of it in each learner's bootstrap set (○ = out of bag), coloured "
                        "by that learner's vote", "它在每个学习器自助样本中的份数（○ = 袋外），"
                        "颜色表示该学习器的投票"),
    "in.votes_right_n": ("votes for its class", "投给它的类别"),
    "in.votes_wrong_n": ("votes for another class", "投给别的类别"),
    "in.learner_k": ("learner k", "学习器 k"),
    "in.copies_axis": ("copies drawn", "抽中次数"),
    "in.oob_title": ("Its out-of-bag vote as learners are added: the share of the learners that "
                     "never saw it voting for its class", "加入学习器时它的袋外投票："
                     "没见过它的学习器中投给它类别的比例"),
    "in.oob_line": ("OOB vote for its class", "袋外投票给其类别"),
    "in.oob_axis": ("share of its OOB votes", "袋外投票比例"),
    "in.half": ("½: the vote tips here", "½：投票在此翻转"),
    "in.no_oob": ("Without bootstrap every learner sees every point: no out-of-bag vote.",
                  "不做自助抽样时每个学习器都见过每个样本：没有袋外投票。"),
    "in.residual_t": ("pseudo-residual r{t}", "伪残差 r{t}"),
    "in.target": ("target", "目标"),
    "in.residual_title": ("The pseudo-residual each stage's tree was fitted to at this point",
                          "每个阶段的树在这个样本上拟合的伪残差"),
    "in.residual": ("rₜⁿ = −∂l/∂g at gₜ₋₁", "rₜⁿ = −∂l/∂g（在 gₜ₋₁ 处）"),
    "in.residual_axis": ("pseudo-residual rₜⁿ", "伪残差 rₜⁿ"),
    "in.g_title": ("gₜ(xⁿ) approaching yⁿ, stage by stage (stage 0 = g₀)",
                   "gₜ(xⁿ) 一步步逼近 yⁿ（阶段 0 = g₀）"),
    "in.p_title": ("The probability of its class, stage by stage (stage 0 = g₀), approaching 1",
                   "它所属类别的概率随阶段逼近 1（阶段 0 = g₀）"),
    "in.g_line": ("gₜ(xⁿ)", "gₜ(xⁿ)"),
    "in.p_line": ("p(yⁿ | xⁿ)", "p(yⁿ | xⁿ)"),
    "in.stack_p": ("stacking's probability of its class", "stacking 给它类别的概率"),
    "in.split": ("hold-out part", "留出部分"),
    "in.own_title": ("Each base learner's own probability of its class ({label}): its "
                     "meta-features", "每个基础学习器给它的类别（{label}）的概率：它的元特征"),
    "in.own_axis": ("p(its class | x)", "p(它的类别 | x)"),
    "in.terms_title": ("How the final learner adds them up: intercept + Σ w·z (score > 0: class "
                       "{c})", "最终学习器如何组合：截距 + Σ w·z（得分 > 0：类别 {c}）"),
    "in.terms_axis": ("adds to the score of class {c}", "对类别 {c} 得分的贡献"),
    "in.intercept": ("intercept", "截距"),
    "in.total": ("= score", "= 得分"),
    "in.no_terms": ("This final learner does not add its inputs up with weights, so there are no "
                    "per-learner terms to show.", "这个最终学习器不是对输入加权求和，"
                    "因此没有逐个学习器的贡献可显示。"),
    # the tree diagram
    "tv.ab": ("f{t}'s tree (round t): hover or click a node to light its region, move over the "
              "plane to find a leaf", "f{t} 的树（第 t 轮）：悬停或点击节点以照亮它的区域，"
              "在平面上移动以找到叶节点"),
    "tv.tr": ("Tree {k} of {T}: hover or click a node to light its region", "第 {k} 棵树（共 {T} "
              "棵）：悬停或点击节点以照亮它的区域"),
    "tv.single": ("The tree, node by node: hover or click a node to light its region",
                  "这棵树的每个节点：悬停或点击节点以照亮它的区域"),
    "tv.gb": ("Stage t's tree f{t}, fitted to the pseudo-residuals: hover or click a node to light "
              "its region", "第 t 阶段的树 f{t}（拟合伪残差）：悬停或点击节点以照亮它的区域"),
    "tv.k": ("Open tree k (1 … {T})", "打开第 k 棵树（1 … {T}）"),
    "tv.k_how": ("or click a learner's small panel above, or the tree button of a member in the "
                 "strip below", "或点击上方某个学习器的小图，或下方成员条中某个成员的树按钮"),
    "tv.show_depth": ("Draw down to depth (the tree is {d} deep)", "绘制到深度（这棵树深 {d}）"),
    "tv.not_tree": ("This learner is not a tree: there is no tree to open.",
                    "这个学习器不是树：没有可打开的树。"),
    "tv.node": ("node", "节点"),
    "tv.depth": ("depth", "深度"),
    "tv.leaf": ("leaf", "叶节点"),
    "tv.samples": ("n", "样本"),
    "tv.weight": ("weighted", "加权"),
    "tv.impurity": ("impurity", "不纯度"),
    "tv.imp_short": ("imp", "不纯"),
    "tv.value": ("value", "值"),
    "tv.cls": ("class", "类别"),
    "tv.yes": ("yes", "是"),
    "tv.no": ("no", "否"),
    "tv.hint": ("Hover a node: its question, samples, impurity and class shares or value; its "
                "region lights up on the plane (left). + unfolds a folded node.",
                "悬停节点：显示它的问题、样本数、不纯度与类别比例或取值；它的区域在左侧平面上亮起。"
                "+ 展开折叠的节点。"),
    # the member strip
    "mb.title": ("Every member at once: f₁ … f{t} and their vote H", "所有成员一览：f₁ … f{t} "
                 "及其投票 H"),
    "mb.title_sk": ("Every base learner at once, and the stack's output H", "所有基础学习器一览，"
                    "以及堆叠的输出 H"),
    "mb.hint": ("Each member's own surface, linked to H by a line as wide as its weight {w}. "
                "Hover a member to see it big; click it to switch it off or on and watch H "
                "change (no refit).", "每个成员自己的决策面，用与其权重 {w} 成比例的线连到 H。"
                "悬停成员可放大查看；点击可关闭或打开它，观察 H 的变化（无需重新训练）。"),
    "mb.big": ("H with {n} of {t} members", "H（{t} 个成员中的 {n} 个）"),
    "mb.err": ("train error {train} (all members: {all})", "训练误差 {train}（全部成员：{all}）"),
    "mb.err_test": ("test error {test} (all: {all})", "测试误差 {test}（全部：{all}）"),
    "mb.alone": ("{f} alone · weight {w}", "单独的 {f} · 权重 {w}"),
    "mb.alone_gb": ("{f} alone · η αₜ = {w}", "单独的 {f} · η αₜ = {w}"),
    "mb.alone_sk": ("{f} alone · final weight {w}", "单独的 {f} · 最终权重 {w}"),
    "mb.is_on": ("switched on: click to switch it off", "已打开：点击关闭"),
    "mb.is_off": ("switched off: click to switch it on", "已关闭：点击打开"),
    "mb.open": ("open its tree", "打开它的树"),
    "mb.final_weight": ("(the final learner's weight)", "（最终学习器的权重）"),
    "mb.hint_sk": ("Each base learner's own surface, linked to H by a line as wide as the final "
                   "learner's weight on it. Hover a learner to see it big; click it to switch it "
                   "off (its term w·z is replaced by its average over the training points) and "
                   "watch H change (no refit).", "每个基础学习器自己的决策面，用与最终学习器对它的权重成比例的"
                   "线连到 H。悬停可放大查看；点击可关闭它（它的项 w·z 换成它在训练样本上的平均值），"
                   "观察 H 的变化（无需重新训练）。"),
    "mb.no_vote_sk": ("Switching base learners off needs a final learner that adds their outputs "
                      "up with weights (logistic regression, a linear SVM).",
                      "逐个关闭基础学习器需要一个对其输出加权求和的最终学习器（逻辑回归、线性 SVM）。"),
    "mb.new_sample": ("New sample", "换一批样本"),
    "mb.new_sample_help": ("Draw the same data set again with the next seed",
                           "用下一个随机种子重新生成同一数据集"),
}
