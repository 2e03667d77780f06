"""The one string catalog: every piece of UI text, in English and 中文.

`tr(key, **fmt)` returns the text in the current language (``lang`` in the URL, switchable from
the sidebar). A key missing from the catalog raises ``KeyError`` in tests, so no page can show a
raw key or silently fall back to one language.
"""

from __future__ import annotations

import streamlit as st

LANGS = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "中文"}

# key: (English, 中文)
CATALOG: dict[str, tuple[str, str]] = {
    # navigation
    "nav.ov": ("Overview", "总览"),
    "nav.tr": ("Trees, bagging, random forest", "决策树、Bagging、随机森林"),
    "nav.ab": ("AdaBoost", "AdaBoost"),
    "nav.gb": ("Gradient boosting", "梯度提升"),
    "nav.sk": ("Voting and stacking", "投票与堆叠"),
    "nav.cp": ("Compare", "方法比较"),
    "app.title": ("Ensemble Playground", "集成学习游乐场"),
    # sidebar: data
    "sb.language": ("Language", "语言"),
    "sb.data": ("Data", "数据"),
    "sb.dataset": ("Data set", "数据集"),
    "sb.n": ("Number of points", "样本数"),
    "sb.noise": ("Noise", "噪声"),
    "sb.test": ("Test fraction", "测试集比例"),
    "sb.seed": ("Seed", "随机种子"),
    "sb.classes": ("Classes (blobs)", "类别数（blobs）"),
    "sb.res": ("Surface resolution", "决策面分辨率"),
    "sb.show_test": ("Show test points", "显示测试点"),
    "sb.discrete": ("Discretize output", "离散化输出"),
    "sb.upload_img": ("Your own picture (PNG/JPEG, dark pixels = class 1)",
                      "上传图片（PNG/JPEG，深色像素 = 类别 1）"),
    "sb.upload_csv": ("CSV file (numeric columns + a label column)", "CSV 文件（数值列 + 标签列）"),
    "sb.label_col": ("Label column", "标签列"),
    "sb.model": ("Model", "模型"),
    "sb.share": ("The URL holds every setting: copy it to share this exact view.",
                 "网址包含全部设置：复制网址即可分享当前视图。"),
    # data set names
    "ds.moons": ("Two moons", "双月"),
    "ds.circles": ("Circles", "同心圆"),
    "ds.spirals": ("Spirals", "螺旋"),
    "ds.xor": ("XOR", "异或"),
    "ds.blobs": ("Gaussian blobs", "高斯团"),
    "ds.checkerboard": ("Checkerboard", "棋盘"),
    "ds.linear": ("Linearly separable", "线性可分"),
    "ds.image": ("Image silhouette", "图像剪影"),
    "ds.upload_image": ("Your own picture (upload)", "自己的图片（上传）"),
    "ds.cat": ("Image: cat", "图像：猫"),
    "ds.rabbit": ("Image: rabbit", "图像：兔子"),
    "ds.rocket": ("Image: rocket", "图像：火箭"),
    "ds.star": ("Image: star", "图像：星星"),
    "ds.sine": ("Sine", "正弦"),
    "ds.steps": ("Steps", "阶梯"),
    "ds.noisy": ("Noisy line", "带噪直线"),
    "ds.linear1d": ("Noisy line", "带噪直线"),
    "ds.abs": ("Noisy |x|", "带噪 |x|"),
    "ds.iris": ("Iris (tabular)", "鸢尾花（表格）"),
    "ds.wine": ("Wine (tabular)", "葡萄酒（表格）"),
    "ds.breast_cancer": ("Breast cancer (tabular)", "乳腺癌（表格）"),
    "ds.digits": ("Digits (tabular)", "手写数字（表格）"),
    "ds.csv": ("Uploaded CSV", "上传的 CSV"),
    # player
    "pl.play": ("Play", "播放"),
    "pl.pause": ("Pause", "暂停"),
    "pl.step": ("Step", "单步"),
    "pl.reset": ("Reset", "重置"),
    "pl.speed": ("Speed", "速度"),
    "pl.round": ("Round t", "轮次 t"),
    "pl.n_learners": ("Learners aggregated t", "已聚合的学习器数 t"),
    "pl.stage": ("Stage t", "阶段 t"),
    "pl.slow": ("slow", "慢"),
    "pl.normal": ("normal", "中"),
    "pl.fast": ("fast", "快"),
    # common plot text
    "pt.train": ("train", "训练"),
    "pt.test": ("test", "测试"),
    "pt.oob": ("out-of-bag", "袋外 (OOB)"),
    "pt.class": ("class", "类别"),
    "pt.error": ("error rate", "错误率"),
    "pt.round": ("round t", "轮次 t"),
    "pt.n_learners": ("number of learners T", "学习器数 T"),
    "pt.accuracy": ("accuracy", "准确率"),
    "pt.fit_time": ("fit time (ms)", "训练时间（毫秒）"),
    "pt.loss": ("loss", "损失"),
    "m.train_err": ("train error", "训练误差"),
    "m.test_err": ("test error", "测试误差"),
    "m.oob_err": ("out-of-bag error", "袋外误差"),
    "m.train_acc": ("train accuracy", "训练准确率"),
    "m.test_acc": ("test accuracy", "测试准确率"),
    "m.train_loss": ("train loss", "训练损失"),
    "m.test_loss": ("test loss", "测试损失"),
    "pt.stage": ("stage t", "阶段 t"),
    "pt.misclassified": ("misclassified by f_t", "被 f_t 分错"),
    "pt.bootstrap": ("in bootstrap sample (size = copies)", "自助样本内（大小 = 抽中次数）"),
    "pt.oob_pts": ("out of bag", "袋外样本"),
    "pt.importance": ("feature importance", "特征重要性"),
    "pt.margin": ("normalized margin y·g(x)/Σα", "归一化间隔 y·g(x)/Σα"),
    "pt.cdf": ("fraction of training examples", "训练样本比例"),
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
    "tr.depths": ("The image experiment: trees of depth 5, 10, 15, 20", "图像实验：深度 5、10、15、20 的树"),
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
    # learners
    "ln.stump": ("decision stump", "决策树桩"),
    "ln.tree": ("decision tree", "决策树"),
    "ln.logreg": ("logistic regression", "逻辑回归"),
    "ln.knn": ("k-nearest neighbours", "k 近邻"),
    "ln.nb": ("Gaussian naive Bayes", "高斯朴素贝叶斯"),
    "ln.mlp": ("MLP", "多层感知机"),
    "ln.bagging": ("bagging", "Bagging"),
    "ln.forest": ("random forest", "随机森林"),
    "ln.adaboost": ("AdaBoost", "AdaBoost"),
    "ln.gb": ("gradient boosting", "梯度提升"),
    "ln.voting": ("voting", "投票"),
    "ln.stacking": ("stacking", "堆叠"),
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
    "lec.img_trees.title": ("One decision tree: the deeper, the closer the fit — depth 20 fits the "
                            "training pixels perfectly", "单棵决策树：越深拟合越紧——深度 20 完美拟合训练像素"),
    "lec.img_trees.take": ("Depth {d}: training error {tr_err:.3f} with {leaves} leaves, test error "
                           "{te_err:.3f} — a perfect fit of the training set is not a perfect model "
                           "(high variance).",
                           "深度 {d}：训练误差 {tr_err:.3f}（{leaves} 个叶子），测试误差 {te_err:.3f}——"
                           "完美拟合训练集并不等于完美的模型（高方差）。"),
    "lec.img_trees.panel": ("depth {v}<br>train {tr_err:.3f} · test {te_err:.3f}",
                            "深度 {v}<br>训练 {tr_err:.3f} · 测试 {te_err:.3f}"),
    "lec.img_forest.short": ("Image: random forest, 100 trees", "图像：随机森林，100 棵树"),
    "lec.img_forest.title": ("Random forest of 100 trees at the same depths: a smoother shape",
                             "同样深度下 100 棵树的随机森林：形状更平滑"),
    "lec.img_forest.take_not": ("Averaging 100 decorrelated trees smooths the jagged single-tree "
                                "shape; on this picture it does not lower the test error at depth 20 "
                                "({forest:.3f} vs one tree {tree:.3f}) — try another silhouette.",
                                "对 100 棵去相关的树取平均，抹平了单棵树的锯齿形状；但在这张图上，深度 20 时并未降低"
                                "测试误差（{forest:.3f}，单棵树 {tree:.3f}）——换一个剪影试试。"),
    "lec.img_forest.take": ("Averaging 100 decorrelated trees smooths the jagged single-tree shape; "
                            "at depth 20 the test error is {forest:.3f} (one tree: {tree:.3f}).",
                            "对 100 棵去相关的树取平均，抹平了单棵树的锯齿形状；深度 20 时测试误差 "
                            "{forest:.3f}（单棵树：{tree:.3f}）。"),
    "lec.img_forest.panel": ("depth {v}<br>train {tr_err:.3f} · test {te_err:.3f}",
                             "深度 {v}<br>训练 {tr_err:.3f} · 测试 {te_err:.3f}"),
    "lec.img_ada.short": ("Image: AdaBoost, T = 10–100", "图像：AdaBoost，T = 10–100"),
    "lec.img_ada.title": ("AdaBoost with depth-5 trees: the shape sharpens as T grows",
                          "以深度 5 的树为弱学习器的 AdaBoost：T 越大形状越清晰"),
    "lec.img_ada.take": ("Each round focuses on the pixels still misclassified: test error "
                         "{ea:.3f} at T = {a}, {eb:.3f} at T = {b}.",
                         "每一轮都专注于仍被分错的像素：T = {a} 时测试误差 {ea:.3f}，T = {b} 时 {eb:.3f}。"),
    "lec.img_ada.panel": ("T = {v}<br>train {tr_err:.3f} · test {te_err:.3f}",
                          "T = {v}<br>训练 {tr_err:.3f} · 测试 {te_err:.3f}"),
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
                          "{k} of {n} points correctly; a more accurate f_t gets a larger α_t.",
                          "三个各分错 3 个点的树桩组合成的 H 分对了 {n} 个点中的 {k} 个；越准的 f_t 得到越大的 α_t。"),
    "lec.toy.vote_title": ("g(x) = {a1:.3f} f₁ + {a2:.3f} f₂ + {a3:.3f} f₃ in each region",
                           "每个区域内 g(x) = {a1:.3f} f₁ + {a2:.3f} f₂ + {a3:.3f} f₃"),
    "lec.toy.region": ("region", "区域"),
    "lec.bound.short": ("Why training error → 0", "为什么训练误差 → 0"),
    "lec.bound.title": ("Training error ≤ Π 2√(ε_t(1−ε_t)): the bound falls every round",
                        "训练误差 ≤ Π 2√(ε_t(1−ε_t))：上界每一轮都在下降"),
    "lec.bound.take": ("Every factor is < 1 because ε_t < 0.5, so the bound shrinks (≈ {b10:.3f} after "
                       "10 rounds, {b100:.2e} after 100) and pushes the training error to 0 at round {t0}.",
                       "因为 ε_t < 0.5，每个因子都 < 1，上界不断缩小（10 轮后 ≈ {b10:.3f}，100 轮后 "
                       "{b100:.2e}），把训练误差在第 {t0} 轮压到 0。"),
    "lec.bound.bound": ("bound Π 2√(ε(1−ε)) (engine: error_bound_)", "上界 Π 2√(ε(1−ε))（引擎：error_bound_）"),
    "lec.bound.factor": ("factor 2√(ε_t(1−ε_t)) < 1", "因子 2√(ε_t(1−ε_t)) < 1"),
    "lec.bound.data": ("AdaBoost with depth-2 trees on the spirals data (280 training points), T = {T}.",
                       "AdaBoost（深度 2 的树）在螺旋数据上（280 个训练点），T = {T}。"),
    "lec.zero_at": ("training error 0 at t = {t}", "第 t = {t} 轮训练误差为 0"),
    "lec.T_log": ("rounds T (log scale)", "轮数 T（对数坐标）"),
    "lec.round": ("round t", "轮次 t"),
    "lec.test_err.short": ("Test error keeps falling", "测试误差继续下降"),
    "lec.test_err.title": ("The test error keeps falling after the training error reaches 0",
                           "训练误差到 0 之后，测试误差还在下降"),
    "lec.test_err.take": ("Training error is 0 from round {t0} (test error {at:.3f} there); at T = "
                          "{T} the test error is {end:.3f}. Adding rounds did not overfit.",
                          "从第 {t0} 轮起训练误差为 0（此时测试误差 {at:.3f}）；T = {T} 时测试误差为 "
                          "{end:.3f}。继续增加轮数并没有过拟合。"),
    "lec.margins.short": ("Margins grow", "间隔在增大"),
    "lec.margins.title": ("Why: the margins y·g(x) keep growing after training error is 0",
                          "原因：训练误差为 0 之后，间隔 y·g(x) 还在增大"),
    "lec.margins.take": ("The CDF of the normalized margins moves right from T = 5 to 100 to 1000: "
                         "the vote gets more confident even on points it already classifies right.",
                         "归一化间隔的累积分布从 T = 5 到 100 到 1000 不断右移：即使对已分对的点，投票也越来越有把握。"),
    "lec.margin_x": ("normalized margin y·g(x) / Σα_t", "归一化间隔 y·g(x) / Σα_t"),
    "lec.cdf": ("share of training points ≤ margin", "间隔不超过该值的训练点比例"),
    "lec.m.min": ("min margin", "最小间隔"),
    "lec.m.median": ("median", "中位数"),
    "lec.m.small": ("margin < 0.1", "间隔 < 0.1"),
    "lec.gb_ada.short": ("GB with exp loss = AdaBoost", "指数损失的梯度提升 = AdaBoost"),
    "lec.gb_ada.title": ("Gradient boosting with the exponential loss is AdaBoost",
                         "使用指数损失的梯度提升就是 AdaBoost"),
    "lec.gb_ada.take": ("Fitting f_t to −∂L/∂g with l = e^(−y·g) and a line search for α_t gives, "
                        "round by round for T = {T}, the same stump, the same α_t and the same g(x).",
                        "以 l = e^(−y·g) 将 f_t 拟合到 −∂L/∂g 并线搜索 α_t，在 T = {T} 的每一轮都得到同样的树桩、"
                        "同样的 α_t 和同样的 g(x)。"),
    "lec.gb_ada.note": ("Same split in every round: {ok}. GradientBoostingClassifier(loss=\"exponential\", "
                        "max_depth=1, learning_rate=1, init=\"zero\", line_search=\"per_stage\") vs "
                        "AdaBoostClassifier() on two moons (140 training points).",
                        "每一轮的划分都相同：{ok}。GradientBoostingClassifier(loss=\"exponential\", "
                        "max_depth=1, learning_rate=1, init=\"zero\", line_search=\"per_stage\") 对比 "
                        "AdaBoostClassifier()，数据为双月（140 个训练点）。"),
    "lec.gb.ada_alpha": ("AdaBoost α_t = ln d_t", "AdaBoost α_t = ln d_t"),
    "lec.gb.gb_alpha": ("gradient boosting α_t (line search)", "梯度提升 α_t（线搜索）"),
    "lec.gb.g_ada": ("g(x), AdaBoost", "g(x)，AdaBoost"),
    "lec.gb.g_gb": ("g(x), gradient boosting", "g(x)，梯度提升"),
    "lec.gb.same_stumps": ("same stump", "相同树桩"),
    "lec.gb.max_dalpha": ("max |Δα_t|", "最大 |Δα_t|"),
    "lec.gb.max_dg": ("max |Δg(x)|", "最大 |Δg(x)|"),
    "lec.gb.sign": ("same sign of g", "g 同号比例"),
    "lec.gb.ada_stump": ("AdaBoost stump", "AdaBoost 树桩"),
    "lec.gb.gb_stump": ("GB stump", "梯度提升树桩"),
    "lec.gb_losses.short": ("GB with other losses", "其他损失的梯度提升"),
    "lec.gb_losses.title": ("Other losses, same recipe: fit f_t to the negative gradient of the loss",
                            "换一个损失，配方不变：让 f_t 拟合损失的负梯度"),
    "lec.gb_losses.take": ("Squared error chases the outliers (its residual y − g is largest there); "
                           "absolute error uses only the sign of y − g, so an outlier pulls no harder "
                           "than any point and g stays on the sine; Huber (squared when small, linear "
                           "when large) sits in between.",
                           "平方误差会追着离群点跑（那里的残差 y − g 最大）；绝对误差只用 y − g 的符号，离群点的拉力"
                           "和普通点一样，g 贴着正弦曲线；Huber（小残差平方、大残差线性）介于二者之间。"),
    "lec.gbl.top": ("g_T(x) after 60 stages, one curve per loss", "60 个阶段后的 g_T(x)，每种损失一条曲线"),
    "lec.gbl.bottom": ("what f_1 is fitted to: the pseudo-residuals −∂l/∂g at g_0",
                       "f_1 拟合的目标：g_0 处的伪残差 −∂l/∂g"),
    "lec.loss.squared_error": ("squared error", "平方误差"),
    "lec.loss.absolute_error": ("absolute error", "绝对误差"),
    "lec.loss.huber": ("Huber", "Huber"),
    "lec.stacking.short": ("Stacking vs voting", "堆叠与投票"),
    "lec.stacking.title": ("Stacking: the final classifier learns from outputs on data the base "
                           "systems never saw", "堆叠：最终分类器在基础系统没见过的数据上学习它们的输出"),
    "lec.stacking.take": ("Part 1 ({n1} points) trains the base systems; part 2 ({n2} points, hollow "
                          "diamonds) trains the logistic regression on their outputs. Test accuracy: "
                          "stacking {s:.1%}, voting {v:.1%}.",
                          "第 1 部分（{n1} 个点）训练基础系统；第 2 部分（{n2} 个点，空心菱形）在它们的输出上训练"
                          "逻辑回归。测试准确率：堆叠 {s:.1%}，投票 {v:.1%}。"),
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
    "lec.img.colour": ("Colour = the predicted class (blue: inside the silhouette) on a {r} × {r} grid; "
                       "trained on {n} random pixels.",
                       "颜色 = 预测类别（蓝色：剪影内部），网格 {r} × {r}；用 {n} 个随机像素训练。"),
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
    # messages
    "msg.bad_param": ("URL parameter “{name}” = “{value}” is not valid ({why}); using the default {default}.",
                      "网址参数“{name}” = “{value}”无效（{why}）；已恢复默认值 {default}。"),
    "msg.capped_param": ("URL parameter “{name}” = “{value}” is above this demo's per-session cap "
                         "{cap}; using {used}.",
                         "网址参数“{name}” = “{value}”超过本演示的单会话上限 {cap}；已改用 {used}。"),
    "msg.unknown_param": ("URL parameter “{name}” is unknown and was ignored.",
                          "未知的网址参数“{name}”，已忽略。"),
    "msg.engine_missing": ("This part of the engine ({what}) is not available yet; the page will "
                           "fill in when it is.",
                           "引擎的这一部分（{what}）尚未就绪；就绪后本页会自动显示。"),
    "msg.data_error": ("Could not use this data: {err}", "无法使用这份数据：{err}"),
    "msg.fit_error": ("Fitting failed: {err}", "训练失败：{err}"),
    "msg.need_2d": ("This view needs a 2-D data set; showing two moons instead.",
                    "该视图需要二维数据集；改为显示双月数据。"),
    "msg.classes_note": ("{k} classes: the lecture's formulas are for two classes; shown with SAMME.",
                         "{k} 个类别：课程公式针对二分类；此处使用 SAMME。"),
}


def lang() -> str:
    """Current language code: the sidebar switch, else the URL, else English."""
    value = st.session_state.get("cfg", {}).get("lang")
    return value if value in LANGS else "en"


def tr(key: str, **fmt) -> str:
    """The text for ``key`` in the current language, formatted with ``fmt``."""
    en, zh = CATALOG[key]
    text = zh if lang() == "zh" else en
    return text.format(**fmt) if fmt else text


# base learners, the toy set, performance notes (app controls, issue 4 §3)
CATALOG.update({
    "sb.learner": ("Base learner", "基学习器"),
    "sb.depth": ("Tree depth (0 = unlimited)", "树深（0 = 不限）"),
    "sb.leaf": ("Min samples per leaf", "叶节点最少样本数"),
    "sb.k": ("Neighbours k", "近邻数 k"),
    "sb.C": ("Inverse regularization C", "正则化强度倒数 C"),
    "sb.hidden": ("Hidden units", "隐藏单元数"),
    "sb.pointwise": ("This learner is evaluated point by point, so its surfaces use a grid of at "
                     "most 100 × 100.",
                     "该学习器需逐点计算，因此决策面网格最多为 100 × 100。"),
    "ab.resample": ("The {learner}'s fit takes no example weights, so AdaBoost trains each f_t on "
                    "a re-sample drawn with probabilities u_t / Z_t (re-sampling instead of "
                    "re-weighting).",
                    "{learner}的训练不接受样本权重，因此 AdaBoost 按概率 u_t / Z_t 重新抽样来训练每个 f_t"
                    "（重新采样而非重新加权）。"),
    "ab.toy_table": ("The lecture's toy example, round by round (engine vs lecture)",
                     "课程中的玩具例子，逐轮对照（引擎 vs 课程）"),
    "ab.toy_note": ("10 points, all of them training data (no test set); decision stumps.",
                    "10 个点，全部是训练数据（没有测试集）；基学习器为决策树桩。"),
    "ab.engine": ("engine", "引擎"),
    "ab.lecture": ("lecture", "课程"),
    "ds.adaboost_toy": ("AdaBoost toy example (10 points)", "AdaBoost 玩具例子（10 个点）"),
    "ds.toy": ("AdaBoost toy example (10 points)", "AdaBoost 玩具例子（10 个点）"),
    "gb.leaf": ("Min samples per leaf", "叶节点最少样本数"),
})


# the learners table, the pages' runner, safe messages (issue 13)
CATALOG.update({
    "ln.svm": ("linear SVM", "线性 SVM"),
    "why.no_proba": ("The {learner} gives no class probabilities, so soft voting cannot average "
                     "it: the vote is counted as hard voting.",
                     "{learner}不输出类别概率，软投票无法对其取平均：改为按硬投票计票。"),
    "why.no_scores": ("The {learner} gives no scores a final learner could read.",
                      "{learner}不输出可供最终学习器读取的分数。"),
    "sk.vote.hard": ("hard (count labels)", "硬投票（数标签）"),
    "sk.vote.soft": ("soft (average probabilities)", "软投票（平均概率）"),
    "sb.factor": ("Inner radius (circles)", "内圆半径（同心圆）"),
    "sb.cells": ("Cells per side (checkerboard)", "每边格数（棋盘）"),
    "sb.resolution": ("Picture resolution (pixels, longer side)", "图片分辨率（长边像素）"),
    "sb.threshold": ("Dark below grey level", "灰度低于此值为深色"),
    "tr.tree_stats": ("depth {depth} · {leaves} leaves · {ms:.0f} ms",
                      "深度 {depth} · {leaves} 片叶子 · {ms:.0f} 毫秒"),
    "cp.subsampled": ("To stay within this demo's budget per request, the methods were trained on "
                      "{used:,} of the {n:,} training rows (rows × features × T is capped); lower "
                      "T to use more rows.",
                      "为不超出本演示每次请求的计算预算，各方法只用了 {n:,} 个训练样本中的 {used:,} 个"
                      "（样本数 × 特征数 × T 有上限）；降低 T 可使用更多样本。"),
    "ab.no_margins": ("Margins are defined here for two classes only; with {k} classes this panel "
                      "is left empty.",
                      "此处的间隔只对二分类定义；当前有 {k} 个类别，因此该面板留空。"),
    "msg.more_params": ("… and {n} more URL parameters were ignored.",
                        "……另有 {n} 个网址参数被忽略。"),
    "msg.upload_again": ("No picture is uploaded in this session (after the server restarted, or "
                         "when a link names an uploaded picture, the file has to be uploaded "
                         "again): showing the default data set until you upload one.",
                         "本次会话中没有上传的图片（服务器重启后，或链接指向上传的图片时，需要重新上传文件）："
                         "在你上传之前先显示默认数据集。"),
    "msg.restored": ("These settings could not be used: {err} The page's settings were put back "
                     "to their defaults.",
                     "无法使用这些设置：{err} 本页设置已恢复为默认值。"),
    "msg.fitting": ("Fitting…", "训练中……"),
    "stop.no_better_than_chance": (
        "in round {round} the learner's weighted error ε = {epsilon:.4f} is ≥ {chance:.2f}: it is "
        "no better than chance, so it was dropped and boosting stopped.",
        "第 {round} 轮学习器的加权错误率 ε = {epsilon:.4f} ≥ {chance:.2f}：不比瞎猜好，因此被舍弃，提升停止。"),
    "stop.perfect_fit": (
        "in round {round} the learner classifies every training example correctly (ε = 0), so "
        "boosting stopped (α from ε clipped to {floor:g}).",
        "第 {round} 轮学习器把每个训练样本都分对了（ε = 0），因此提升停止（α 按 ε 截断到 {floor:g} 计算）。"),
    "msg.fitting_all": ("Fitting every method…", "正在训练所有方法……"),
})
