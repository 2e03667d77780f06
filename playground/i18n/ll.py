"""Texts of the lifelong-learning lab (key: (English, 中文))."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.ll": ("Lifelong learning", "终身学习"),
    "ll.title": ("Lifelong learning: keep the old tasks while learning new ones",
                 "终身学习：学新任务时不忘旧任务"),
    "ll.lead": (
        "While task k is learned the loss is L′(θ) = L(θ) + λ Σᵢ bᵢ (θᵢ − θᵢᵇ)²: θᵇ the "
        "parameters learned on the earlier tasks, bᵢ each parameter's guard. Fine-tuning has "
        "b = 0, L2 b = 1; EWC, MAS and SCP measure how much each parameter mattered.",
        "学习第 k 个任务时的损失是 L′(θ) = L(θ) + λ Σᵢ bᵢ (θᵢ − θᵢᵇ)²："
        "θᵇ 是在之前任务上学到的参数，bᵢ 是每个参数的守护系数。"
        "微调取 b = 0，L2 取 b = 1；EWC、MAS、SCP 则衡量每个参数有多重要。"),
    "ov.card.ll": (
        "**Lifelong learning**: learn task after task without forgetting — EWC, MAS and SCP guard "
        "the parameters that mattered, on the lecture's two-parameter picture and on digits.",
        "**终身学习**：一个接一个地学任务而不遗忘——EWC、MAS、SCP 守护重要的参数，"
        "在课程的两参数示意图和手写数字上演示。"),
    "ll.view": ("View", "视图"),
    "ll.v.picture": ("the lecture's picture (2 parameters)", "课程示意图（2 个参数）"),
    "ll.v.sequence": ("a sequence of digit tasks", "一串手写数字任务"),
    "ll.m.finetune": ("fine-tuning", "微调"),
    "ll.m.l2": ("L2", "L2"),
    "ll.m.ewc": ("EWC", "EWC"),
    "ll.m.mas": ("MAS", "MAS"),
    "ll.m.scp": ("SCP", "SCP"),
    # sidebar
    "ll.plam": ("λ (every method)", "λ（所有方法）"),
    "ll.pmethod": ("L′ and ellipse of", "显示其 L′ 与椭圆的方法"),
    "ll.sb.tasks": ("Tasks", "任务"),
    "ll.tasks": ("Tasks from the digits", "由手写数字生成的任务"),
    "ll.k.rotated": ("rotated by a growing angle", "旋转角度逐渐增大"),
    "ll.k.permuted": ("pixels permuted", "像素随机置换"),
    "ll.n": ("Number of tasks", "任务数"),
    "ll.angle": ("Rotation added per task (°)", "每个任务增加的旋转角度（°）"),
    "ll.sb.model": ("Network", "网络"),
    "ll.hidden": ("Hidden neurons (64 → h → 10)", "隐藏层神经元（64 → h → 10）"),
    "ll.epochs": ("Epochs per task", "每个任务的训练轮数"),
    "ll.sb.methods": ("Methods and their λ", "方法及其 λ"),
    "ll.lam_l2": ("λ of L2", "L2 的 λ"),
    "ll.lam_ewc": ("λ of EWC", "EWC 的 λ"),
    "ll.lam_mas": ("λ of MAS", "MAS 的 λ"),
    "ll.lam_scp": ("λ of SCP", "SCP 的 λ"),
    "ll.fisher": ("EWC's Fisher", "EWC 的 Fisher 信息"),
    "ll.f.model": ("model's own predictions", "模型自身的预测分布"),
    "ll.f.empirical": ("true labels (empirical)", "真实标签（经验 Fisher）"),
    "ll.dirs": ("SCP's random directions L", "SCP 的随机方向数 L"),
    "ll.method": ("Matrix, guards and formula of", "显示其矩阵、守护系数与公式的方法"),
    "ll.step_t": ("Gradient step t of task 2", "任务 2 的梯度步 t"),
    "ll.epoch_t": ("Epoch t (all tasks)", "训练轮次 t（全部任务）"),
    "ll.training": ("Training {method} on {n_tasks} tasks ({i} of {n})…",
                    "正在用 {method} 训练 {n_tasks} 个任务（第 {i}/{n} 个方法）…"),
    # the picture
    "ll.L1": ("Task 1's loss L₁(θ)", "任务 1 的损失 L₁(θ)"),
    "ll.L2": ("Task 2's loss L₂(θ)", "任务 2 的损失 L₂(θ)"),
    "ll.Lp": ("L′(θ) = L₂(θ) + λ Σ bᵢ (θᵢ − θᵢᵇ)² of {method}",
              "{method} 的 L′(θ) = L₂(θ) + λ Σ bᵢ (θᵢ − θᵢᵇ)²"),
    "ll.task1": ("task 1's path", "任务 1 的路径"),
    "ll.ellipse": ("λ Σ bᵢ (θᵢ − θᵢᵇ)² of {method}", "{method} 的 λ Σ bᵢ (θᵢ − θᵢᵇ)²"),
    "ll.picture_note": (
        "Darker = lower loss. The model is f(x) = θ₁x₁ + θ₂x₂: task 1's inputs have x₁ ≈ 0, so "
        "its loss hardly changes along θ₁; task 2's lie along the diagonal. The dotted line is "
        "task 1's path from the start, the star θᵇ where task 1 ended; the dashed ellipse is "
        "the penalty's level set through the end of the path — long along θ₁ where b₁ is small. "
        "Every method takes the same gradient steps.",
        "颜色越深损失越低。模型是 f(x) = θ₁x₁ + θ₂x₂："
        "任务 1 的输入 x₁ ≈ 0，所以它的损失几乎不随 θ₁ 变化；任务 2 的输入沿对角线分布。"
        "点线是任务 1 从起点开始的路径，星号是任务 1 结束时的 θᵇ；"
        "虚线椭圆是惩罚项经过路径终点的等值线——b₁ 小时它沿 θ₁ 方向很长。"
        "所有方法使用相同的梯度步长。"),
    "ll.after": ("Losses after task 2", "任务 2 之后的损失"),
    "ll.L1_steps": ("Task 1's loss while task 2 is learned", "学习任务 2 时任务 1 的损失"),
    "ll.ax.step": ("gradient step of task 2", "任务 2 的梯度步"),
    "ll.loss1": ("task 1's loss", "任务 1 的损失"),
    "ll.loss2": ("task 2's loss", "任务 2 的损失"),
    "ll.loss": ("loss", "损失"),
    "ll.guards_table": ("Guards b measured on task 1", "在任务 1 上测得的守护系数 b"),
    "ll.step": ("step", "步"),
    # the sequence
    "ll.task_epoch": ("task {k} / {T} · epoch {e}", "任务 {k} / {T} · 第 {e} 轮"),
    "ll.task": ("task", "任务"),
    "ll.matrix": ("Accuracy R[i, j] of {method}: row i = after task i, column j = task j",
                  "{method} 的准确率 R[i, j]：第 i 行 = 学完任务 i 后，第 j 列 = 任务 j"),
    "ll.ax.after": ("after learning task i", "学完任务 i 后"),
    "ll.ax.on": ("accuracy on task j", "在任务 j 上的准确率"),
    "ll.first": ("Accuracy on task 1 over the whole sequence", "整个序列中在任务 1 上的准确率"),
    "ll.ax.epoch": ("epoch (a faint line where a new task starts)", "训练轮次（细线处开始新任务）"),
    "ll.ax.acc1": ("accuracy on task 1", "在任务 1 上的准确率"),
    "ll.summary": ("Average accuracy and backward transfer so far (tasks seen)",
                   "到目前为止的平均准确率与反向迁移（已见过的任务）"),
    "ll.avg": ("average accuracy", "平均准确率"),
    "ll.bwt": ("backward transfer (< 0: forgetting)", "反向迁移（< 0：遗忘）"),
    "ll.formula": ("The loss with its live numbers", "损失函数及其实时数值"),
    "ll.formula_note": ("L and Ω are this epoch's means over its mini-batches; {method}.",
                        "L 与 Ω 为本轮各小批次的平均值；{method}。"),
    "ll.guards": ("Guards b of {method} during task {k}, per weight layer",
                  "{method} 在任务 {k} 中的守护系数 b（按权重层）"),
    "ll.ax.from": ("from neuron (input pixel / hidden)", "来自神经元（输入像素 / 隐藏层）"),
    "ll.ax.to": ("to neuron", "到神经元"),
    "ll.no_guards": ("No guards during task 1: there is nothing to keep yet (b = 0).",
                     "任务 1 期间没有守护：还没有需要保留的东西（b = 0）。"),
    "ll.no_guards_ft": ("Fine-tuning guards nothing (b = 0).", "微调不守护任何参数（b = 0）。"),
    "ll.bdist": ("How the guards spread during task {k} (share of parameters)",
                 "任务 {k} 中守护系数的分布（参数占比）"),
    "ll.share": ("share of parameters", "参数占比"),
    "ll.table": ("Every method at the end of the sequence", "序列结束时的各方法"),
    "ll.col.method": ("method", "方法"),
    "ll.col.lam": ("λ", "λ"),
    "ll.col.avg": ("average accuracy", "平均准确率"),
    "ll.col.bwt": ("backward transfer", "反向迁移"),
    "ll.col.forget1": ("task 1 forgotten", "任务 1 的遗忘"),
    "ll.col.new": ("new tasks learned to", "新任务学到的准确率"),
    "ll.col.time": ("training time (s)", "训练时间（秒）"),
    "ll.rules": (
        "How θᵇ and b carry over tasks, as each method's paper does: **EWC** keeps one "
        "quadratic per old task at that task's own end point with its own Fisher (computed as "
        "one: b = Σ Fⱼ, θᵇ their F-weighted mean); **MAS** and **SCP** add the guards up "
        "(b ← b + b_new) and anchor at the end of the last task; **L2** keeps b = 1 at the last "
        "task's end. EWC's Fisher is the expectation over the model's own predictions (or, as "
        "an option, at the true labels).",
        "θᵇ 与 b 如何跨任务传递，按各方法的论文：**EWC** 为每个旧任务保留一个以该任务终点为中心、"
        "以其 Fisher 为系数的二次项（合并计算：b = Σ Fⱼ，θᵇ 为按 F 加权的平均）；**MAS** 与 "
        "**SCP** 把守护系数相加（b ← b + b_new），锚点取上一个任务的终点；**L2** 取 b = 1，锚点为"
        "上一个任务的终点。EWC 的 Fisher 取模型自身预测分布下的期望（可选：用真实标签）。"),
    # lessons (checked claims)
    "ll.c.picture": (
        "θ₁ moves, θ₂ stays. While task 2 is learned (λ = {lam:g}), EWC moves θ by "
        "({ewc_1:+.2f}, {ewc_2:+.2f}), MAS by ({mas_1:+.2f}, {mas_2:+.2f}), SCP by ({scp_1:+.2f}, "
        "{scp_2:+.2f}); fine-tuning by ({ft_1:+.2f}, {ft_2:+.2f}). Task 1's loss after task 2: "
        "fine-tuning {l_ft:.3f}, L2 {l_l2:.3f}, EWC {l_ewc:.3f}, MAS {l_mas:.3f}, SCP {l_scp:.3f} "
        "(it was {l_start:.3f}).",
        "θ₁ 移动，θ₂ 不动。学习任务 2 时（λ = {lam:g}），"
        "EWC 使 θ 移动 ({ewc_1:+.2f}, {ewc_2:+.2f})，"
        "MAS 移动 ({mas_1:+.2f}, {mas_2:+.2f})，SCP 移动 ({scp_1:+.2f}, {scp_2:+.2f})；微调移动 "
        "({ft_1:+.2f}, {ft_2:+.2f})。任务 2 之后任务 1 的损失：微调 {l_ft:.3f}，L2 {l_l2:.3f}，"
        "EWC {l_ewc:.3f}，MAS {l_mas:.3f}，SCP {l_scp:.3f}（原为 {l_start:.3f}）。"),
    "ll.c.picture_no": (
        "At λ = {lam:g} the guards do not hold θ₂ in place: EWC moves θ by ({ewc_1:+.2f}, "
        "{ewc_2:+.2f}), MAS by ({mas_1:+.2f}, {mas_2:+.2f}), SCP by ({scp_1:+.2f}, {scp_2:+.2f}), "
        "fine-tuning by ({ft_1:+.2f}, {ft_2:+.2f}). Task 1's loss after task 2: fine-tuning "
        "{l_ft:.3f}, L2 {l_l2:.3f}, EWC {l_ewc:.3f}, MAS {l_mas:.3f}, SCP {l_scp:.3f} (it was "
        "{l_start:.3f}). Raise λ to keep θ₂.",
        "在 λ = {lam:g} 时守护不足以固定 θ₂：EWC 使 θ 移动 ({ewc_1:+.2f}, {ewc_2:+.2f})，"
        "MAS 移动 ({mas_1:+.2f}, {mas_2:+.2f})，SCP 移动 ({scp_1:+.2f}, {scp_2:+.2f})，"
        "微调移动 ({ft_1:+.2f}, {ft_2:+.2f})。"
        "任务 2 之后任务 1 的损失：微调 {l_ft:.3f}，L2 {l_l2:.3f}，EWC {l_ewc:.3f}，"
        "MAS {l_mas:.3f}，SCP {l_scp:.3f}（原为 {l_start:.3f}）。增大 λ 才能保住 θ₂。"),
    "ll.c.l2pic": (
        "L2 (b = 1) holds θ₁ as firmly as θ₂: it moves θ₁ by only {l2_1:+.2f} "
        "(EWC {ewc_1:+.2f}) and task 2's loss stays at {l2_loss:.3f} (EWC {ewc_loss:.3f}) — "
        "too stiff to learn task 2.",
        "L2（b = 1）对 θ₁ 和 θ₂ 一样严格：θ₁ 只移动 {l2_1:+.2f}（EWC {ewc_1:+.2f}），"
        "任务 2 的损失停在 {l2_loss:.3f}（EWC {ewc_loss:.3f}）——太僵硬，学不会任务 2。"),
    "ll.c.l2pic_no": (
        "At λ = {lam:g} L2 still learns task 2 about as well as EWC: task 2's loss {l2_loss:.3f} "
        "against {ewc_loss:.3f}; θ₁ moves {l2_1:+.2f} (EWC {ewc_1:+.2f}).",
        "在 λ = {lam:g} 时 L2 学任务 2 与 EWC 差不多：任务 2 的损失 {l2_loss:.3f} 对 "
        "{ewc_loss:.3f}；θ₁ 移动 {l2_1:+.2f}（EWC {ewc_1:+.2f}）。"),
    "ll.c.forget": (
        "Fine-tuning forgets: its accuracy on task 1 falls from {ft_first:.0%} to {ft_last:.0%} "
        "(average accuracy at the end {ft_avg:.0%}). EWC, MAS and SCP keep task 1 at "
        "{ewc_last:.0%}, {mas_last:.0%} and {scp_last:.0%}, and end with average accuracies "
        "of {ewc_avg:.0%}, {mas_avg:.0%} and {scp_avg:.0%}.",
        "微调会遗忘：它在任务 1 上的准确率从 {ft_first:.0%} 降到 {ft_last:.0%}（最终平均准确率 "
        "{ft_avg:.0%}）。EWC、MAS、SCP 把任务 1 保持在 {ewc_last:.0%}、{mas_last:.0%}、"
        "{scp_last:.0%}，最终平均准确率为 {ewc_avg:.0%}、{mas_avg:.0%}、{scp_avg:.0%}。"),
    "ll.c.forget_no": (
        "Here not every guarded method beats fine-tuning. Average accuracy at the end: "
        "fine-tuning {ft_avg:.0%}, EWC {ewc_avg:.0%}, MAS {mas_avg:.0%}, SCP {scp_avg:.0%}; "
        "task 1 forgotten: fine-tuning {ft_forget:.0%}, EWC {ewc_forget:.0%}, MAS "
        "{mas_forget:.0%}, SCP {scp_forget:.0%}.",
        "在这里并非每种守护方法都胜过微调。最终平均准确率：微调 {ft_avg:.0%}，EWC {ewc_avg:.0%}，"
        "MAS {mas_avg:.0%}，SCP {scp_avg:.0%}；任务 1 的遗忘：微调 {ft_forget:.0%}，EWC "
        "{ewc_forget:.0%}，MAS {mas_forget:.0%}，SCP {scp_forget:.0%}。"),
    "ll.c.stiff": (
        "L2 (b = 1, λ = {lam:g}) is too stiff: right after learning them it reaches only "
        "{l2_new:.0%} on the new tasks, where fine-tuning reaches {ft_new:.0%} (it forgets task 1 "
        "by only {l2_forget:.0%}, fine-tuning by {ft_forget:.0%}).",
        "L2（b = 1，λ = {lam:g}）太僵硬：新任务刚学完时只达到 {l2_new:.0%}，而微调达到 "
        "{ft_new:.0%}（它对任务 1 只遗忘 {l2_forget:.0%}，微调遗忘 {ft_forget:.0%}）。"),
    "ll.c.stiff_no": (
        "At λ = {lam:g} L2 still learns the new tasks: {l2_new:.0%} right after learning them, "
        "fine-tuning {ft_new:.0%}. Raise its λ to see it freeze.",
        "在 λ = {lam:g} 时 L2 仍能学会新任务：刚学完时 {l2_new:.0%}，微调 {ft_new:.0%}。"
        "增大它的 λ 就会看到它僵住。"),
}
