"""Texts of the ensemble pages: overview, trees, AdaBoost, gradient boosting, stacking, compare
(key: (English, 中文))."""

TEXTS: dict[str, tuple[str, str]] = {
    # overview
    "ov.title": ("Ensemble Playground", "集成学习游乐场"),
    "ov.lead": (
        "Many different, complementary classifiers f₁, f₂, … aggregated properly beat any one of "
        "them. Below, AdaBoost is combining decision stumps on the two-moons data, live: every "
        "round adds one stump f_t, and the boundary of H_t = sign(Σ α_t f_t) bends a little more.",
        "一组彼此不同、互补的分类器 f₁, f₂, … 经过恰当的聚合，会胜过其中任何一个。下面是 AdaBoost "
        "正在双月数据上实时组合决策树桩：每一轮加入一个树桩 f_t，H_t = sign(Σ α_t f_t) 的边界就再弯曲一点。"),
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
    "ov.try1": ("Press Reset, then Step: watch which points grow (their weight u_t rises when "
                "f_t gets them wrong).",
                "按“重置”，再按“单步”：观察哪些点变大（被 f_t 分错的点权重 u_t 会上升）。"),
    "ov.try2": ("Open *Trees, bagging, random forest*, set depth 20: one tree overfits, the forest "
                "does not.",
                "打开*决策树、Bagging、随机森林*，把深度设为 20：单棵树过拟合，森林则不会。"),
    "ov.try3": ("Switch to 中文 in the sidebar; copy the URL to share the exact view.",
                "在侧边栏切换到 English；复制网址即可分享当前视图。"),
    # adaboost
    "ab.title": ("AdaBoost: re-weighting, round by round", "AdaBoost：一轮一轮地重新加权"),
    "ab.lead": (
        "Round t trains f_t on weights u_t, measures its weighted error ε_t, and multiplies the "
        "weight of every example f_t gets wrong by d_t = √((1−ε_t)/ε_t) (divides the others by it). "
        "Point size = u_t.",
        "第 t 轮用权重 u_t 训练 f_t，计算加权错误率 ε_t，把被 f_t 分错的样本权重乘以 "
        "d_t = √((1−ε_t)/ε_t)（分对的除以 d_t）。点的大小 = u_t。"),
    "ab.T": ("Rounds T", "轮数 T"),
    "ab.depth": ("Base tree depth (1 = stump)", "基学习器树深（1 = 树桩）"),
    "ab.H": ("H_t = sign(Σ_{τ≤t} α_τ f_τ): the ensemble after round t",
             "H_t = sign(Σ_{τ≤t} α_τ f_τ)：第 t 轮后的集成"),
    "ab.f": ("f_t alone, trained on u_t (size = u_t, × = misclassified)",
             "单独的 f_t，用 u_t 训练（大小 = u_t，× = 分错）"),
    "ab.bars": ("α_t (weight of f_t in the vote) and ε_t (its weighted error)",
                "α_t（f_t 的投票权重）与 ε_t（加权错误率）"),
    "ab.curves": ("Training error falls under the bound Π 2√(ε(1−ε)); test error keeps falling",
                  "训练误差低于上界 Π 2√(ε(1−ε))；测试误差继续下降"),
    "ab.margins": ("Margin distribution (CDF): it shifts right as rounds are added",
                   "间隔分布（CDF）：轮数增加时整体右移"),
    "ab.margin_rounds": ("Margin CDF at rounds", "显示间隔 CDF 的轮次"),
    "ab.formulas": ("Round t in numbers", "第 t 轮的数值"),
    "ab.bound": ("bound Π 2√(ε(1−ε))", "上界 Π 2√(ε(1−ε))"),
    "ab.stopped": ("AdaBoost stopped early after {n} rounds: {reason}",
                   "AdaBoost 在第 {n} 轮提前停止：{reason}"),
    "ab.binary_only": ("The bound and margins are shown for two classes (the lecture's setting); "
                       "with {k} classes the engine runs SAMME.",
                       "上界与间隔只对二分类显示（课程的设定）；{k} 类时引擎使用 SAMME。"),
    # trees / forest
    "tr.title": ("Trees, bagging and random forest", "决策树、Bagging 与随机森林"),
    "tr.lead": (
        "A deep tree fits its training data perfectly and overfits (high variance). Bagging trains "
        "T trees on bootstrap samples and lets them vote; a random forest also restricts every split "
        "to a random subset of the features, so the trees differ more.",
        "深的决策树能完美拟合训练数据，却会过拟合（高方差）。Bagging 用 T 份自助采样训练 T 棵树并投票；"
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
    "tr.vote": ("Vote of the first t learners", "前 t 个学习器的投票"),
    "tr.single": ("One tree on all the training data", "用全部训练数据训练的一棵树"),
    "tr.grid": ("Single learners, each with its bootstrap sample (size = copies drawn, × = out of bag)",
                "单个学习器及其自助样本（大小 = 被抽中次数，× = 袋外）"),
    "tr.oob_curve": ("Out-of-bag error tracks the test error as T grows",
                     "随着 T 增大，袋外误差跟随测试误差"),
    "tr.disagree": ("Where the learners disagree (share voting against the majority)",
                    "学习器之间的分歧（投反对票的比例）"),
    "tr.importance": ("Feature importances", "特征重要性"),
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
        "g_t = g_{t−1} + η α_t f_t, where f_t is a regression tree fit to the pseudo-residuals "
        "−∂l/∂g at g_{t−1}. With the exponential loss the recipe is AdaBoost.",
        "g_t = g_{t−1} + η α_t f_t，其中 f_t 是拟合 g_{t−1} 处伪残差 −∂l/∂g 的回归树。"
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
    "gb.stage_view": ("Stage t: g_{t−1}, the pseudo-residuals, f_t fit to them, and g_t",
                      "第 t 阶段：g_{t−1}、伪残差、拟合伪残差的 f_t，以及 g_t"),
    "gb.residuals": ("pseudo-residuals −∂l/∂g at g_{t−1}", "g_{t−1} 处的伪残差 −∂l/∂g"),
    "gb.losscurve": ("Training and test loss per stage", "每个阶段的训练与测试损失"),
    "gb.lrs": ("Learning rates compared (test loss)", "不同学习率的比较（测试损失）"),
    "gb.exp_is_ada": ("exponential (= AdaBoost)", "指数损失（= AdaBoost）"),
    "gb.surface": ("g_t on the plane", "平面上的 g_t"),
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
