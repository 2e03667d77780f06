"""Texts of the bias-variance page (page id "bv"; key: (English, 中文))."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.bv": ("Bias and variance", "偏差与方差"),
    "bv.title": ("Why bagging works: bias and variance, live", "Bagging 为什么有效：偏差与方差，实时计算"),
    "bv.lead": (
        "Many training sets are drawn from the same generator; every method is fitted on each of "
        "them and predicts the same test points. Bias: how far the average prediction is from the "
        "truth. Variance: how much the fits scatter around their average. Noise: what no model "
        "can remove.",
        "从同一个数据生成器中抽取许多份训练集；每种方法在每一份上各训练一次，并对同一批测试点做预测。"
        "偏差：平均预测离真相有多远。方差：各次拟合围绕平均预测的散布有多大。噪声：任何模型都消除不了的部分。"),
    "ov.card.bv": (
        "**Bias and variance**: why bagging helps deep trees and boosting helps stumps, measured "
        "over many training sets drawn from the same data generator.",
        "**偏差与方差**：为什么 Bagging 能帮助深树、Boosting 能帮助树桩——在同一数据生成器抽出的许多训练集上实测。"),
    "bv.link": ("Why does bagging help? Bias and variance, measured",
                "Bagging 为什么有帮助？实测偏差与方差"),
    # sidebar
    "bv.task": ("Task", "任务"),
    "bv.task.regression": ("Regression (1-D)", "回归（一维）"),
    "bv.task.classification": ("Classification (2-D)", "分类（二维）"),
    "bv.T": ("Ensemble size T (trees; boosting stages)", "集成规模 T（树的数量；提升的轮数）"),
    "bv.lr": ("Boosting learning rate η", "提升的学习率 η"),
    "bv.depth": ("Depth of the deep tree (0 = unlimited)", "深树的深度（0 = 不限）"),
    "bv.gbdepth": ("Depth of boosting's trees (1 = stumps)", "提升所用树的深度（1 = 树桩）"),
    "bv.n": ("Points per training set", "每份训练集的点数"),
    "bv.noise": ("Noise", "噪声"),
    "bv.sets": ("Training sets drawn", "抽取的训练集份数"),
    "bv.sets_capped": (
        "At T = {T} with {n} points per set, at most {cap} training sets fit in this page's "
        "time budget: {cap} are used.",
        "在 T = {T}、每份 {n} 个点时，本页的时间预算最多容纳 {cap} 份训练集：已使用 {cap} 份。"),
    # methods and parts
    "bv.m.tree": ("Deep tree", "深树"),
    "bv.m.tree_d": ("Tree of depth {d}", "深度 {d} 的树"),
    "bv.a_tree": ("One deep tree", "一棵深树"),
    "bv.a_tree_d": ("A tree of depth {d}", "一棵深度 {d} 的树"),
    "bv.the_tree": ("the deep tree", "深树"),
    "bv.the_tree_d": ("the tree of depth {d}", "深度 {d} 的树"),
    "bv.m.stumps": ("Stump", "树桩"),
    "bv.m.bagging": ("Bagging", "Bagging"),
    "bv.m.forest": ("Random forest", "随机森林"),
    "bv.m.boosting": ("Gradient boosting", "梯度提升"),
    "bv.p.bias2": ("bias²", "偏差²"),
    "bv.p.variance": ("variance", "方差"),
    "bv.p.noise": ("noise σ²", "噪声 σ²"),
    "bv.p.error": ("expected error", "期望误差"),
    "bv.p.bias": ("bias B", "偏差 B"),
    "bv.p.net_variance": ("net variance", "净方差"),
    "bv.p.noise_c": ("noise c₁N", "噪声 c₁N"),
    "bv.p.loss": ("expected loss", "期望损失"),
    "bv.p.unbiased_variance": ("unbiased variance", "无偏方差"),
    "bv.p.biased_variance": ("biased variance", "有偏方差"),
    "bv.p.sum": ("sum", "之和"),
    "bv.method": ("method", "方法"),
    "bv.w.variance": ("variance", "方差"),
    "bv.w.bias2": ("bias²", "偏差²"),
    "bv.w.net_variance": ("net variance", "净方差"),
    "bv.w.bias": ("bias", "偏差"),
    # charts
    "bv.fits": ("Every training set's fit (faint), their mean ȳ (bold) and the truth f (dashed), "
                "at T = {T}", "每份训练集的拟合（浅色）、它们的平均 ȳ（粗线）与真相 f（虚线），T = {T}"),
    "bv.panel": ("{name}<br>bias² {b:.4f} · variance {v:.4f}",
                 "{name}<br>偏差² {b:.4f} · 方差 {v:.4f}"),
    "bv.panel_c": ("{name}<br>B {b:.3f} · net V {v:.3f}", "{name}<br>B {b:.3f} · 净方差 {v:.3f}"),
    "bv.fit": ("one training set's fit", "一份训练集的拟合"),
    "bv.mean": ("their mean ȳ", "它们的平均 ȳ"),
    "bv.truth": ("truth f", "真相 f"),
    "bv.example": ("One of the {S} training sets", "{S} 份训练集中的一份"),
    "bv.bayes": ("Bayes-optimal label y*", "贝叶斯最优标签 y*"),
    "bv.maps": (
        "Top: each method's main prediction yₘ (the vote over the {S} training sets, paler where "
        "they disagree), red where it differs from the Bayes label (bias). Bottom: its variance V, "
        "the share of training sets that disagree with yₘ. At T = {T}.",
        "上：各方法的主预测 yₘ（{S} 份训练集的投票结果，分歧越大颜色越浅），与贝叶斯标签不同之处标为红色（偏差）。"
        "下：方差 V，即与 yₘ 不一致的训练集所占比例。T = {T}。"),
    "bv.against": ("Each part against the ensemble size t (dotted: the single learners)",
                   "各部分随集成规模 t 的变化（点线：单个学习器）"),
    "bv.t": ("ensemble size t", "集成规模 t"),
    "bv.parts": ("The parts add up to the expected loss (the black mark, computed on its own)",
                 "各部分相加等于期望损失（黑色标记，单独计算）"),
    "bv.table": ("The numbers (averaged over the test points, at T = {T})",
                 "数值（在测试点上平均，T = {T}）"),
    "bv.gap": ("Largest gap between the sum of the parts and the expected loss computed directly, "
               "over every method and every t: {gap:.1e} (floating-point rounding).",
               "在所有方法与所有 t 上，各部分之和与直接计算的期望损失之间的最大差距：{gap:.1e}（浮点舍入误差）。"),
    "bv.how_reg": (
        "{S} training sets of {n} points, each drawn afresh from the generator y = f(x) + ε, "
        "σ = {sigma:.3f}. Test points: {m} values of x evenly over [−1, 1]. Bias² = (ȳ − f)², "
        "variance = mean over the training sets of (ŷ − ȳ)², noise = σ², expected error = σ² + "
        "mean of (f − ŷ)².",
        "{S} 份训练集，每份 {n} 个点，都从生成器 y = f(x) + ε 重新抽取，σ = {sigma:.3f}。测试点：[−1, 1] 上均匀分布的 "
        "{m} 个 x。偏差² = (ȳ − f)²，方差 = 各训练集上 (ŷ − ȳ)² 的平均，噪声 = σ²，期望误差 = σ² + (f − ŷ)² 的平均。"),
    "bv.forest_1d": (
        "With one feature a random forest has no features to choose among at a split: it grows "
        "exactly bagging's trees (same bootstrap sets, same numbers). Its extra randomness shows "
        "on the 2-D classification view.",
        "只有一个特征时，随机森林在分裂时没有特征可选：它长出的正是 Bagging 的树（相同的自助集，相同的数值）。"
        "它额外的随机性要在二维分类视图中才能看到。"),
    "bv.how_clf": (
        "{S} training sets of {n} points drawn afresh from the generator; the numbers average over "
        "{m} fresh test points, the maps cover a {G} × {G} grid. Domingos (2000): the main "
        "prediction yₘ is the most common prediction over the training sets; bias B = [yₘ ≠ "
        "y*]; variance V = share of training sets predicting something else than yₘ; the net "
        "variance (unbiased minus biased) adds V where yₘ is right and subtracts it (as P(ŷ = y*)) where yₘ is "
        "wrong: there, disagreeing helps. The truth y* is the Bayes-optimal label, computed from "
        "the generator itself (each class is a clean shape blurred by Gaussian noise of σ = "
        "{sigma:.3f}); the noise term c₁N is the part of the loss due to labels that differ from "
        "y*, with Bayes error N = {N:.3f}.",
        "{S} 份训练集，每份 {n} 个点，均从生成器重新抽取；数值在 {m} 个新抽取的测试点上平均，地图覆盖 {G} × {G} 网格。"
        "Domingos（2000）：主预测 yₘ 是各训练集上最常见的预测；偏差 B = [yₘ ≠ y*]；方差 V = 预测不同于 yₘ 的训练集比例；"
        "净方差（无偏方差减有偏方差）在 yₘ 正确处加上 V，在 yₘ 错误处减去它（即 P(ŷ = y*)）：在那里，分歧反而有帮助。"
        "真相 y* 是贝叶斯最优标签，由生成器本身算出（每个类别是一个被 σ = {sigma:.3f} 的高斯噪声模糊的干净形状）；"
        "噪声项 c₁N 是标签与 y* 不同所造成的损失，贝叶斯误差 N = {N:.3f}。"),
    # claims (checked against the run; numbers filled in)
    "bv.c.bag": (
        "**Bagging cuts the variance, not the bias.** {tree}: {vw} {v0:.4f}, {bw} {b0:.4f}. "
        "Bagging {T} of them: {vw} {v1:.4f} ({cut:.0%} less), {bw} {b1:.4f}. Averaging removes "
        "what the trees disagree on, not what they all get wrong.",
        "**Bagging 降低方差，而不是偏差。** {tree}：{vw} {v0:.4f}，{bw} {b0:.4f}。对 {T} 棵做 Bagging："
        "{vw} {v1:.4f}（减少 {cut:.0%}），{bw} {b1:.4f}。平均消除的是树之间的分歧，而不是它们共同犯的错。"),
    "bv.c.bag.no": (
        "**Bagging here:** {vw} {v0:.4f} → {v1:.4f}, {bw} {b0:.4f} → {b1:.4f}. {why}",
        "**此处的 Bagging：** {vw} {v0:.4f} → {v1:.4f}，{bw} {b0:.4f} → {b1:.4f}。{why}"),
    "bv.why.T1": ("With T = 1 bagging is one tree on one bootstrap set: there is nothing to "
                  "average yet. Raise T.",
                  "T = 1 时 Bagging 只是一份自助集上的一棵树：还没有可以平均的东西。请增大 T。"),
    "bv.why.shallow": (
        "Trees of depth {d} vary little from one training set to the next, so averaging has "
        "little to remove: bagging helps high-variance learners such as deep trees (depth 0 = "
        "unlimited).",
        "深度 {d} 的树在不同训练集之间变化不大，平均能消除的很少：Bagging 帮助的是高方差的学习器，例如深树（深度 0 = 不限）。"),
    "bv.why.little": (
        "These trees vary little from one training set to the next (there is little noise to "
        "memorise), so averaging has little to remove.",
        "这些树在不同训练集之间变化不大（没有多少噪声可以死记），平均能消除的很少。"),
    "bv.why.bag_small": (
        "With only {n} points per training set, a bootstrap set (about 63 % of the distinct "
        "points) is a much coarser picture than the set itself: the bagged trees miss more. Try "
        "more points per set.",
        "每份训练集只有 {n} 个点时，自助集（约 63% 的不同样本点）比训练集本身粗糙得多：Bagging 的树错得更多。"
        "试试增加每份的点数。"),
    "bv.why.bag_bias": (
        "The bias moved as much as the variance fell: each bootstrap set holds only about 63 % of "
        "the distinct points, and with {n} points per set the bagged trees see a coarser picture. "
        "Try more points per set.",
        "偏差的变化与方差的下降一样大：每份自助集只包含约 63% 的不同样本点，每份只有 {n} 个点时，Bagging 的树看到的图景更粗糙。"
        "试试增加每份的点数。"),
    "bv.c.boost": (
        "**Boosting cuts the bias.** {bw} after one stage: {b1:.4f}; after {T} stages: {bT:.4f} "
        "({cut:.0%} less; one stump alone: {bs:.4f}). Each stage fits what the sum so far still "
        "gets wrong.",
        "**Boosting 降低偏差。** 一轮之后的{bw}：{b1:.4f}；{T} 轮之后：{bT:.4f}（减少 {cut:.0%}；单个树桩：{bs:.4f}）。"
        "每一轮都去拟合当前总和仍然弄错的部分。"),
    "bv.c.boost.no": (
        "**Boosting here:** {bw} {b1:.4f} after one stage, {bT:.4f} at T = {T}. {why}",
        "**此处的 Boosting：** 一轮之后{bw} {b1:.4f}，T = {T} 时 {bT:.4f}。{why}"),
    "bv.why.few": ("With T = {T} at η = {lr:g} and {n} points per set, boosting has not gone "
                   "far: raise T or η, or give it more points.",
                   "T = {T}、η = {lr:g}、每份 {n} 个点时，提升走得不远：请增大 T 或 η，或增加点数。"),
    "bv.why.rough": ("With {S} training sets the main prediction and the variance are rough "
                     "estimates: draw more training sets.",
                     "只有 {S} 份训练集时，主预测与方差都只是粗略的估计：请抽取更多训练集。"),
    "bv.why.additive": (
        "A sum of stumps adds up one-feature steps and cannot draw this shape (it needs the two "
        "features together): give boosting trees of depth 2.",
        "树桩之和只是把单个特征上的阶梯相加，画不出这种形状（它需要两个特征共同作用）：请让提升使用深度 2 的树。"),
    "bv.why.no_bias": ("Its trees (depth {gd}) already fit well from the first stage: there is "
                       "little bias left to cut.",
                       "它的树（深度 {gd}）从第一轮起就拟合得很好：几乎没有剩下的偏差可以降低。"),
    "bv.c.trees": (
        "**A deep tree's error is mostly variance, a stump's mostly bias.** {tree}: {vw} "
        "{vt:.4f} against {bw} {bt:.4f}. Stump: {bw} {bs:.4f} against {vw} {vs:.4f}.",
        "**深树的误差主要来自方差，树桩的误差主要来自偏差。** {tree}：{vw} {vt:.4f}，{bw} {bt:.4f}。"
        "树桩：{bw} {bs:.4f}，{vw} {vs:.4f}。"),
    "bv.c.trees.no": (
        "**Here** {the_tree} has {vw} {vt:.4f} and {bw} {bt:.4f}; the stump {bw} {bs:.4f} and "
        "{vw} {vs:.4f}. {why}",
        "**此处**{the_tree}的{vw}为 {vt:.4f}、{bw}为 {bt:.4f}；树桩的{bw}为 {bs:.4f}、{vw}为 {vs:.4f}。{why}"),
    "bv.why.depth": ("The “deep” tree is only depth {d}: a shallow tree varies less and misses "
                     "more. Set its depth to 0 (unlimited).",
                     "“深”树的深度只有 {d}：浅树方差更小、偏差更大。请把深度设为 0（不限）。"),
    "bv.why.quiet": ("With noise {noise:g} there is little for a deep tree to memorise, so it "
                     "varies little; raise the noise.",
                     "噪声为 {noise:g} 时深树没什么可死记的，因此变化很小；请加大噪声。"),
    "bv.why.hard": ("From {n} points even a deep tree misses much of this shape with its "
                    "axis-aligned splits: its bias is as large as its variance. Try more points "
                    "per set.",
                    "只有 {n} 个点时，即使是深树也会用它的轴对齐分裂漏掉这个形状的许多部分：它的偏差与方差一样大。"
                    "试试增加每份的点数。"),
    "bv.why.easy": ("This target is close to what one split can draw, so a stump misses "
                    "little.",
                    "这个目标接近一次分裂就能画出的形状，所以树桩的偏差不大。"),
}
