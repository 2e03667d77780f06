"""Texts of the GAN lab (key: (English, 中文))."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.gan": ("GANs in 2-D", "二维 GAN"),
    "gan.title": ("GANs: a generator learns through a discriminator",
                  "GAN：生成器通过判别器学习"),
    "gan.lead": (
        "G maps noise z ~ p(z) to points: it never writes a density down, it only samples. D "
        "learns to tell real points (blue) from G's (orange); G learns through D's gradient (the "
        "arrows). Keys: space plays or pauses, → replays the next update.",
        "G 把噪声 z ~ p(z) 映射为点：它从不写出密度，只会采样。D 学习区分真实的点（蓝）与 G 的点"
        "（橙）；G 通过 D 的梯度（箭头）学习。按键：空格 播放/暂停，→ 重放下一次更新。"),
    "ov.card.gan": (
        "**GANs in 2-D**: a generator and a discriminator trained against each other on a ring of "
        "Gaussians; why the minimax loss saturates, and mode collapse.",
        "**二维 GAN**：生成器与判别器在高斯环上对抗训练；"
        "为什么 minimax 损失会饱和，以及模式坍塌。"),
    # sidebar
    "gan.sb.real": ("Real data p_r", "真实数据 p_r"),
    "gan.sb.training": ("Training", "训练"),
    "gan.sb.g": ("Generator G", "生成器 G"),
    "gan.sb.d": ("Discriminator D", "判别器 D"),
    "gan.sb.noise": ("Noise z", "噪声 z"),
    "gan.data": ("Real distribution", "真实分布"),
    "gan.ds.ring": ("Ring of 8 Gaussians", "8 个高斯组成的环"),
    "gan.ds.grid": ("Grid of 25 Gaussians", "25 个高斯组成的网格"),
    "gan.ds.moons": ("Two moons", "双月"),
    "gan.ds.line": ("A line", "一条线段"),
    "gan.ds.spiral": ("A spiral", "螺旋"),
    "gan.n": ("Real samples", "真实样本数"),
    "gan.std": ("Spread σ of each mode", "每个模式的散布 σ"),
    "gan.loss": ("Generator loss", "生成器损失"),
    "gan.loss.non_saturating": ("non-saturating −log D(G(z))", "非饱和 −log D(G(z))"),
    "gan.loss.minimax": ("minimax log(1 − D(G(z)))", "minimax log(1 − D(G(z)))"),
    "gan.k": ("k: D updates per G update", "k：每次更新 G 前更新 D 的次数"),
    "gan.head": ("D's head start (steps G waits)", "D 的先行步数（G 等待的步数）"),
    "gan.steps": ("Training steps", "训练步数"),
    "gan.batch": ("Batch size m", "批大小 m"),
    "gan.layers": ("Hidden layers", "隐藏层数"),
    "gan.width": ("Neurons per hidden layer", "每个隐藏层的神经元数"),
    "gan.activation": ("Activation", "激活函数"),
    "gan.lr": ("Learning rate η", "学习率 η"),
    "gan.optimizer": ("Optimiser", "优化器"),
    "gan.noise": ("p(z)", "p(z)"),
    "gan.noise.normal": ("N(0, I)", "N(0, I)"),
    "gan.noise.uniform": ("U(−1, 1)", "U(−1, 1)"),
    "gan.zdim": ("Dimension of z", "z 的维数"),
    # player
    "gan.snapshot": ("Snapshot (after step …)", "快照（第 … 步之后）"),
    "gan.step_d": ("Step D", "D 走一步"),
    "gan.step_g": ("Step G", "G 走一步"),
    "gan.step_d_help": ("Replay D's next update of the recorded run (key →). Enabled when D's "
                        "update is the one training did next.",
                        "重放记录中 D 的下一次更新（按键 →）。仅当训练的下一次更新是 D 的时可用。"),
    "gan.step_g_help": ("Replay G's next update of the recorded run (key →). Enabled when D has "
                        "had its k updates of this step.",
                        "重放记录中 G 的下一次更新（按键 →）。"
                        "仅当本步 D 的 k 次更新已完成时可用。"),
    "gan.key_space": ("Key: space", "按键：空格"),
    "gan.key_update": ("the next update", "下一次更新"),
    "gan.slow": ("slow motion", "慢动作"),
    "gan.normal": ("normal", "正常"),
    "gan.fast": ("fast", "快"),
    "gan.pos.snapshot": ("Snapshot after step {step}.", "第 {step} 步之后的快照。"),
    "gan.pos.after_d": (
        "Replayed: D's update {j} of {k} in step {step} (on its batch before the update: "
        "L_D = {loss}, mean D(x) = {real}, mean D(G(z)) = {fake}).",
        "已重放：第 {step} 步中 D 的第 {j}/{k} 次更新（更新前在其批次上：L_D = {loss}，"
        "平均 D(x) = {real}，平均 D(G(z)) = {fake}）。"),
    "gan.pos.after_g": (
        "Replayed: G's update in step {step} (before it: L_G = {loss}, mean D(G(z)) = {fake}).",
        "已重放：第 {step} 步中 G 的更新（更新前：L_G = {loss}，平均 D(G(z)) = {fake}）。"),
    "gan.next.d": ("Next: D's update {j} of {k} in step {step}.",
                   "下一次：第 {step} 步中 D 的第 {j}/{k} 次更新。"),
    "gan.next.g": ("Next: G's update in step {step}.", "下一次：第 {step} 步中 G 的更新。"),
    "gan.next.none": ("Training ended here.", "训练到此结束。"),
    "gan.pos.waits": ("(D's head start: until step {head} G's update is computed and recorded, "
                      "not applied.)",
                      "（D 先行：第 {head} 步之前，G 的更新只计算并记录，不应用。）"),
    # metrics and charts
    "gan.m.step": ("step", "步"),
    "gan.m.grad": ("‖∇G‖ minimax / non-sat.", "‖∇G‖ minimax / 非饱和"),
    "gan.m.mmd": ("MMD²", "MMD²"),
    "gan.m.modes": ("modes covered", "覆盖的模式"),
    "gan.real": ("real x ~ p_r", "真实 x ~ p_r"),
    "gan.fake": ("G(z)", "生成 G(z)"),
    "gan.pull": ("−∂C/∂x", "−∂C/∂x"),
    "gan.manifold": ("G(grid of z)", "G(z 的网格)"),
    "gan.space": ("D(x) (orange 0, blue 1) and the samples", "D(x)（橙 0，蓝 1）与样本"),
    "gan.manifold_title": ("G's manifold: a grid of z through G", "G 的流形：z 的网格经 G 映射"),
    "gan.x.step": ("step", "步"),
    "gan.losses": ("Losses L_D and L_G", "损失 L_D 与 L_G"),
    "gan.verdict": ("D's verdict: mean D(x), mean D(G(z))", "D 的判断：平均 D(x)、平均 D(G(z))"),
    "gan.grads": ("‖∇θG L_G‖, both losses, same samples", "两种损失的 ‖∇θG L_G‖"),
    "gan.floor": ("two real samples", "两份真实样本之间"),
    "gan.mmd": ("MMD² between G's samples and real ones", "G 的样本与真实样本之间的 MMD²"),
    "gan.modes": ("Modes covered (of {K})", "覆盖的模式数（共 {K} 个）"),
    "gan.no_modes": ("This distribution has no modes to count: MMD² is its distance.",
                     "这个分布没有可计数的模式：用 MMD² 衡量距离。"),
    "gan.how": ("What a step is, what the arrows are", "一步是什么，箭头是什么"),
    "gan.how_text": (
        "**A training step** is k = {k} updates of D, then one update of G. D's update descends "
        "L_D = −mean log D(x) − mean log(1 − D(G(z))) on a batch of real points and a batch of "
        "G's; G's update descends its loss on fresh noise, the minimax log(1 − D(G(z))) or the "
        "non-saturating −log D(G(z)). For the first {head} steps (D's head start) G's update is "
        "computed and recorded but not applied. A saturated gradient slows G down with plain "
        "gradient descent (optimiser sgd), whose step is η times the gradient; Adam (the "
        "default) divides each parameter's step by its gradient's running size, so there G "
        "still moves.\n\n"
        "**Play** walks the recorded run snapshot by snapshot, one every {every} steps: training "
        "ran once, ahead, with every step's numbers recorded, and nothing is trained while you "
        "watch. **Step D / Step G** replay the recorded run one update at a time in the order "
        "training did them; only the update that comes next can be pressed. The replay is exact "
        "(the same batches, noise and optimiser state), and the numbers it shows are the "
        "recorded ones.\n\n"
        "**The arrows** on G's samples are −∂C/∂x, the direction in which G's loss pulls each "
        "sample under the D shown; G's update moves G(z) along them through G's parameters. One "
        "length scale per run, for either loss: where the minimax loss saturates, its arrows "
        "shrink. **G's manifold** is a grid of z (the first two noise coordinates, the others 0) "
        "mapped through G.\n\n"
        "**MMD²** is a kernel distance between 256 of G's samples and 256 real points (Gaussian "
        "kernels at the median distance and at 1/2, 1/4, 1/8 of it); the dashed line is the "
        "same distance between two real samples. A mode is covered when at least a fifth of "
        "its fair share of G's samples lie within 3σ of it (PacGAN's rule).",
        "**一个训练步**是 D 更新 k = {k} 次，然后 G 更新一次。D 在一批真实点和一批 G 的点上沿 "
        "L_D = −mean log D(x) − mean log(1 − D(G(z))) 下降；G 在新的噪声上沿自己的损失下降："
        "minimax 的 log(1 − D(G(z))) 或非饱和的 −log D(G(z))。前 {head} 步（D 先行）中，G 的更新"
        "只计算并记录，不应用。梯度饱和会让使用普通梯度下降（优化器 sgd，步长为 η 乘以梯度）"
        "的 G 变慢；Adam（默认）用每个参数梯度的滑动大小去除它的步长，所以那时 G 仍会移动。\n\n"
        "**播放**逐个快照地走过记录下来的训练，每 {every} 步一个快照：训练事先只运行一次，每一步的"
        "数值都已记录，观看时不会再训练。**D 走一步 / G 走一步**按训练的顺序一次重放一次更新；只有"
        "接下来的那次更新可以按。重放是精确的（相同的批次、噪声和优化器状态），显示的数值就是记录的"
        "数值。\n\n"
        "G 的样本上的**箭头**是 −∂C/∂x，即在当前 D 下 G 的损失拉动每个样本的方向；G 的更新通过它的"
        "参数让 G(z) 沿此方向移动。每次训练的两种损失使用同一长度比例：minimax 损失饱和时，箭头会"
        "变短。**G 的流形**是 z 的网格（噪声的前两个坐标，其余为 0）经 G 映射的像。\n\n"
        "**MMD²** 是 G 的 256 个样本与 256 个真实点之间的核距离（中位距离及其 1/2、1/4、1/8 处的"
        "高斯核）；虚线是两份真实样本之间的同一距离。若某个模式 3σ 以内的 G 样本至少有其应得份额的"
        "五分之一，则该模式算作被覆盖（PacGAN 的规则）。"),
    "gan.timing": ("Training took {fit} s, scoring every snapshot {prep} s (once per setting).",
                   "训练用时 {fit} 秒，为每个快照评分用时 {prep} 秒（每组设置只算一次）。"),
    # the lecture's points, checked
    "gan.claim.sat": (
        "**The minimax loss saturates while D wins.** At the {n} early steps where D rejected "
        "G's samples (mean D(G(z)) < 0.1 in steps {first}–{last}, as low as {low}), G's gradient "
        "under log(1 − D(G(z))) was {ratio}× smaller than under −log D(G(z)) on the same samples "
        "(the median; smallest {smallest}×): G gets least to learn from when its samples are "
        "worst.",
        "**D 占上风时，minimax 损失饱和。** 在 D 拒绝 G 的样本的 {n} 个早期步上（第 {first}–{last} "
        "步平均 D(G(z)) < 0.1，最低 {low}），同一批样本上 G 在 log(1 − D(G(z))) 下的梯度比在 "
        "−log D(G(z)) 下小 {ratio} 倍（中位数；最小 {smallest} 倍）：G 的样本最差时，它能学到的"
        "反而最少。"),
    "gan.claim.sat_not": ("{detail}", "{detail}"),
    "gan.sat.none": (
        "D never rejected G's samples early in this run: the lowest mean D(G(z)) in the first {w} "
        "steps was {low} (step {at}), not below 0.1, so the minimax loss has not saturated here. "
        "Give D a head start (now {head} steps) to see it.",
        "本次训练早期 D 从未拒绝 G 的样本：前 {w} 步中平均 D(G(z)) 最低为 {low}（第 {at} 步），"
        "没有低于 0.1，所以这里 minimax 损失没有饱和。给 D 先行几步（现在是 {head} 步）就能看到。"),
    "gan.sat.weak": (
        "D rejected G's samples (mean D(G(z)) < 0.1) at {n} of the first {w} steps, but there the "
        "minimax gradient was only {ratio}× smaller than the non-saturating one (the median; the "
        "smallest {smallest}×), less than 10×: D was not confident enough for the minimax loss "
        "to saturate.",
        "前 {w} 步中有 {n} 步 D 拒绝了 G 的样本（平均 D(G(z)) < 0.1），但在这些步上 minimax 梯度"
        "只比非饱和梯度小 {ratio} 倍（中位数；最小 {smallest} 倍），不到 10 倍：D 还不够自信，"
        "minimax 损失没有饱和。"),
    "gan.claim.modes": (
        "**G covers {m} of the {K} modes** at step {S}: each gets at least a fifth of its fair "
        "share of G's samples, {q}% of which lie within 3σ of a mode.",
        "**第 {S} 步时 G 覆盖了 {K} 个模式中的 {m} 个**：每个都至少得到其应得份额五分之一的样本，"
        "{q}% 的样本落在某个模式的 3σ 以内。"),
    "gan.claim.collapse": (
        "**Mode collapse: G covers only {m} of the {K} modes** at step {S} (at most {best} at any "
        "snapshot); {q}% of its samples lie within 3σ of a mode. G has found a few outputs D "
        "accepts and keeps to them instead of spreading over the real distribution. (On the "
        "ring a D ten times faster than G does this, e.g. D's learning rate 0.01.)",
        "**模式坍塌：第 {S} 步时 G 只覆盖了 {K} 个模式中的 {m} 个**（任何快照中最多 {best} 个）；"
        "{q}% 的样本落在某个模式的 3σ 以内。G 找到了少数几种能被 D 接受的输出，就停留在那里，"
        "而没有铺满整个真实分布。（在环上，D 比 G 快十倍就会这样，例如 D 的学习率取 0.01。）"),
}
