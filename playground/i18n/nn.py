"""Texts of the backpropagation & network basics lab (key: (English, 中文))."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.nn": ("Backpropagation & network basics", "反向传播与网络基础"),
    "nn.title": ("Backpropagation & network basics", "反向传播与网络基础"),
    "nn.lead": (
        "A fully connected network (z = W a + b, a = σ(z) in every layer) trained on the data; "
        "each neuron shows its own output. Pin a training point to see its forward pass, its "
        "backward pass (∂C/∂z through σ′(z)) and the chain rule ∂C/∂w = a_in · ∂C/∂z.",
        "一个全连接网络（每层 z = W a + b、a = σ(z)）在数据上训练；每个神经元显示它自己的输出。"
        "固定一个训练样本，看它的前向传播、反向传播（经过 σ′(z) 的 ∂C/∂z）和链式法则 ∂C/∂w = a_in · ∂C/∂z。"),
    "ov.card.nn": (
        "**Backpropagation & network basics**: a network trained live, every neuron's own "
        "surface, one point's forward and backward pass with its numbers, why sigmoid saturates.",
        "**反向传播与网络基础**：实时训练的网络、每个神经元自己的输出面、单个样本带数字的前向与反向传播、"
        "sigmoid 为何会饱和。"),
    # the network's shape
    "nn.layers": ("{n} hidden layers", "{n} 个隐藏层"),
    "nn.layer_minus": ("Remove the last hidden layer", "删除最后一个隐藏层"),
    "nn.layer_plus": ("Add a hidden layer", "增加一个隐藏层"),
    "nn.layer_n": ("{l}: {n}", "{l}：{n}"),
    "nn.neurons": ("neurons per layer", "每层神经元"),
    "nn.hidden_short": ("{l} · {n}", "{l} · {n}"),
    "nn.neuron_minus": ("One neuron fewer in layer {l}", "第 {l} 层减少一个神经元"),
    "nn.neuron_plus": ("One neuron more in layer {l}", "第 {l} 层增加一个神经元"),
    # sidebar
    "nn.problem": ("Problem", "问题"),
    "nn.p.2d": ("2-D classification", "二维分类"),
    "nn.p.1d": ("1-D regression", "一维回归"),
    "nn.features": ("Input features", "输入特征"),
    "nn.act": ("Activation σ (hidden layers)", "激活函数 σ（隐藏层）"),
    "nn.a.tanh": ("tanh", "tanh"),
    "nn.a.sigmoid": ("sigmoid", "sigmoid"),
    "nn.a.relu": ("ReLU", "ReLU"),
    "nn.a.leaky_relu": ("leaky ReLU", "leaky ReLU"),
    "nn.a.linear": ("linear", "线性"),
    "nn.opt": ("Optimiser", "优化器"),
    "nn.o.sgd": ("gradient descent (SGD)", "梯度下降（SGD）"),
    "nn.o.momentum": ("SGD with momentum 0.9", "带动量 0.9 的 SGD"),
    "nn.o.adam": ("Adam", "Adam"),
    "nn.lr": ("Learning rate η", "学习率 η"),
    "nn.batch": ("Batch size", "批大小"),
    "nn.reg": ("Regularisation", "正则化"),
    "nn.r.none": ("none", "无"),
    "nn.r.l1": ("L1", "L1"),
    "nn.r.l2": ("L2", "L2"),
    "nn.rate": ("Regularisation rate", "正则化系数"),
    "nn.epochs": ("Epochs trained ahead", "预先训练的轮数（epoch）"),
    "nn.epoch": ("Epoch t", "训练轮次 t"),
    # the diagram and the output
    "nn.diagram": ("The network (click a neuron to show it big, a link to choose its weight)",
                   "网络（点击神经元放大显示，点击连线选择该权重）"),
    "nn.inputs": ("input", "输入"),
    "nn.hidden_n": ("hidden {l} · {n}", "隐藏层 {l} · {n}"),
    "nn.output": ("output", "输出"),
    "nn.neuron": ("neuron {k} of layer {l}", "第 {l} 层第 {k} 个神经元"),
    "nn.out_neuron": ("output neuron {k}", "输出神经元 {k}"),
    "nn.click_big": ("click: show big", "点击：放大显示"),
    "nn.click_weight": ("click: the chain rule for this weight", "点击：查看该权重的链式法则"),
    "nn.big": ("Output (click a training point to pin it)", "输出（点击训练样本将其固定）"),
    "nn.big_neuron": ("{name} (click it again for the output)", "{name}（再次点击它回到输出）"),
    "nn.net_curve": ("network", "网络"),
    "nn.losses": ("Loss per epoch", "每轮的损失"),
    "nn.epoch_axis": ("epoch", "训练轮次"),
    "nn.epoch_metric": ("epoch", "训练轮次"),
    "nn.panel": ("Look closer", "细看"),
    "nn.panel.backward": ("The backward pass, shown", "反向传播过程"),
    "nn.panel.saturation": ("Why sigmoid saturates", "sigmoid 为何会饱和"),
    "nn.stopped": ("Training stopped after epoch {t}: {why}", "训练在第 {t} 轮后停止：{why}"),
    "nn.budget": ("{t} of the {asked} epochs were trained ahead: one fit takes at most {steps} "
                  "steps (a larger batch trains more epochs).",
                  "预先训练了 {asked} 轮中的 {t} 轮：一次训练最多 {steps} 步（批越大，能训练的轮数越多）。"),
    "nn.lessons": ("What this run shows", "这次训练说明了什么"),
    # the backward pass
    "nn.pin": ("Pinned training point", "固定的训练样本"),
    "nn.w_l": ("weight: layer l", "权重：层 l"),
    "nn.w_j": ("from neuron j", "来自神经元 j"),
    "nn.w_i": ("to neuron i", "到神经元 i"),
    "nn.hand": ("One step by hand", "手动走一步"),
    "nn.pin_help": ("Pin a point here or by clicking it on the output; choose a weight here or by "
                    "clicking its link. Circles: ∂C/∂z of each neuron (blue > 0, orange < 0, white "
                    "≈ 0); links: ∂C/∂w = a_in · ∂C/∂z, width relative to the largest.",
                    "在这里或在输出图上点击来固定样本；在这里或点击连线来选择权重。圆圈颜色：每个神经元的 ∂C/∂z"
                    "（蓝 > 0，橙 < 0，白 ≈ 0）；连线：∂C/∂w = a_in · ∂C/∂z，宽度相对于最大值。"),
    "nn.bwd_title": ("Point #{n} at epoch {t}: forward pass (z, a) above each neuron, backward "
                     "pass (∂C/∂z) below",
                     "第 {t} 轮时的样本 #{n}：神经元上方是前向传播（z, a），下方是反向传播（∂C/∂z）"),
    "nn.chain_title": ("The chain rule for the chosen weight", "所选权重的链式法则"),
    "nn.fd_h": ("(finite difference, h = {h})", "（有限差分，h = {h}）"),
    "nn.a_bias": ("a bias", "某个偏置"),
    "nn.cost": ("cost C of the point", "该样本的代价 C"),
    "nn.target": ("target y", "目标 y"),
    "nn.pred": ("prediction", "预测"),
    "nn.h.back": ("Back", "上一步"),
    "nn.h.next": ("Next", "下一步"),
    "nn.h.again": ("Start again", "重新开始"),
    "nn.h.phase": ("step {k} of {n}", "第 {k} / {n} 步"),
    "nn.h.start": ("**Start.** Point #{n}, x = ({x}), enters the network: a⁰ = φ(x).",
                   "**开始。** 样本 #{n}，x = ({x})，进入网络：a⁰ = φ(x)。"),
    "nn.h.forward": ("**Forward pass, layer {l} of {L}.** Every neuron of the layer computes "
                     "z = Σ w a + b from the layer before, then a = σ(z); ∂z/∂w = a_in is now "
                     "known for every weight into it.",
                     "**前向传播，第 {l} / {L} 层。** 该层每个神经元由上一层算出 z = Σ w a + b，再算 a = σ(z)；"
                     "此时每条进入它的权重的 ∂z/∂w = a_in 都已知。"),
    "nn.h.backward": ("**Backward pass, layer {l}.** ∂C/∂z of every neuron of the layer, from the "
                      "layer after it, through the amplifier σ′(z) fixed by the forward pass.",
                      "**反向传播，第 {l} 层。** 由后一层算出该层每个神经元的 ∂C/∂z，经过前向传播确定的放大器 σ′(z)。"),
    "nn.h.update": ("**Update.** Every weight moves against its gradient ∂C/∂w = a_in · ∂C/∂z, "
                    "with η = {lr} (plain gradient descent on this point's cost alone):",
                    "**更新。** 每个权重沿其梯度 ∂C/∂w = a_in · ∂C/∂z 的反方向移动，η = {lr}（只对这个样本的代价做普通梯度下降）："),
    # why sigmoid saturates
    "nn.sat_lead": ("The same data, features, optimiser, learning rate, batch and epochs, on {layers} "
                    "hidden layers of 8 neurons: once with sigmoid, once with ReLU.",
                    "同样的数据、特征、优化器、学习率、批大小与轮数，用 {layers} 个各含 8 个神经元的隐藏层："
                    "一次用 sigmoid，一次用 ReLU。"),
    "nn.sat_fitting": ("Training the two deep networks…", "正在训练两个深层网络…"),
    "nn.sat_failed": ("The deep networks could not be trained with these settings: {err}",
                      "用这些设置无法训练深层网络：{err}"),
    "nn.sat_stopped": ("The {act} network stopped after epoch {t}: {why}",
                       "{act} 网络在第 {t} 轮后停止：{why}"),
    "nn.norms": ("Gradient norm ‖∂L/∂Wˡ‖ per layer, epoch {t}", "第 {t} 轮各层的梯度范数 ‖∂L/∂Wˡ‖"),
    "nn.norm_axis": ("‖∂L/∂Wˡ‖ (log scale)", "‖∂L/∂Wˡ‖（对数刻度）"),
    "nn.acts": ("Where the activations sit: share of training points per value of aˡ, epoch {t}",
                "激活值分布：第 {t} 轮各层 aˡ 取各值的训练样本比例"),
    "nn.layer_axis": ("hidden layer l", "隐藏层 l"),
    "nn.share": ("share of points", "样本比例"),
    "nn.funcs": ("Activation functions σ(z) and their derivatives σ′(z); shaded: saturated "
                 "(σ′ under a tenth of its largest value)",
                 "激活函数 σ(z) 及其导数 σ′(z)；阴影：饱和区（σ′ 小于其最大值的十分之一）"),
    "nn.saturated": ("saturated", "饱和区"),
    # the lessons, checked against the run
    "nn.claim.falls": ("Training works: the training loss fell from {first} after epoch 1 to "
                       "{last} after epoch {T}.",
                       "训练有效：训练损失从第 1 轮后的 {first} 降到第 {T} 轮后的 {last}。"),
    "nn.claim.falls_not": ("The training loss did not fall by half: {first} after epoch 1, {last} "
                           "after epoch {T}. With learning rate {lr} the steps may be too large "
                           "(the loss jumps about) or too small (it barely moves).",
                           "训练损失没有降到一半：第 1 轮后 {first}，第 {T} 轮后 {last}。学习率 {lr} "
                           "可能太大（损失来回跳）或太小（几乎不动）。"),
    "nn.claim.squares": ("Features matter: on this data a model without hidden layers (a straight "
                         "line in its features) reaches {plain} test accuracy with x₁, x₂ and "
                         "{squares} with x₁², x₂² added: a straight line in x₁², x₂² is a circle in "
                         "the plane.",
                         "特征很重要：在这份数据上，没有隐藏层的模型（在特征空间里是一条直线）只用 x₁, x₂ "
                         "的测试准确率为 {plain}，加上 x₁², x₂² 后为 {squares}：x₁², x₂² 上的直线就是平面上的圆。"),
    "nn.claim.squares_not": ("On this data x₁², x₂² do not help a model without hidden layers "
                             "({plain} test accuracy with x₁, x₂, {squares} with the squares): "
                             "its classes are not told apart by their distance from the origin. "
                             "On the circles they are.",
                             "在这份数据上，x₁², x₂² 对没有隐藏层的模型没有帮助（只用 x₁, x₂ 时测试准确率 "
                             "{plain}，加上平方后 {squares}）：它的类别不是靠到原点的距离区分的。同心圆数据才是。"),
    "nn.claim.fd": ("Backpropagation is exact: for this point, ∂C/∂θ from the backward pass "
                    "equals its finite-difference estimate for all {n} weights and biases of layer "
                    "{l} (every relative difference below {worst}; choose another layer to check it).",
                    "反向传播是精确的：对这个样本，第 {l} 层全部 {n} 个权重和偏置由反向传播得到的 ∂C/∂θ 都与有限差分估计一致"
                    "（所有相对差都小于 {worst}；选择别的层可以检查它们）。"),
    "nn.claim.fd_not": ("For this point, ∂C/∂θ of one of layer {l}'s {n} weights and biases "
                        "({where}) differs from its finite difference by up to {worst} (relative): a ReLU "
                        "neuron's z sits within h of its kink at 0, where the derivative jumps. "
                        "That is the function, not an error of backpropagation.",
                        "对这个样本，第 {l} 层 {n} 个权重和偏置中有一个（{where}）的 ∂C/∂θ 与有限差分相差可达 {worst}（相对）："
                        "某个 ReLU 神经元的 z 离折点 0 不到 h，导数在那里跳变。这是函数本身的性质，不是反向传播的错误。"),
    "nn.claim.vanish": ("Sigmoid saturates: with sigmoid the gradient of layer 1 is 10^{sig} of "
                        "layer 6's, with ReLU 10^{relu} (medians over the epochs). σ′ is at most "
                        "1/4, so every sigmoid layer on the way back shrinks ∂C/∂z.",
                        "sigmoid 会饱和：用 sigmoid 时第 1 层的梯度是第 6 层的 10^{sig}，用 ReLU 时是 "
                        "10^{relu}（各轮的中位数）。σ′ 最大只有 1/4，反向传播每经过一个 sigmoid 层，∂C/∂z 就缩小一次。"),
    "nn.claim.vanish_not": ("Here the two are closer than usual: layer 1's gradient is 10^{sig} of "
                            "layer 6's with sigmoid and 10^{relu} with ReLU (medians over the "
                            "epochs).",
                            "这里两者比平常接近：第 1 层的梯度相对第 6 层，sigmoid 为 10^{sig}，ReLU 为 "
                            "10^{relu}（各轮的中位数）。"),
    "nn.claim.vanish_dead": ("The ReLU network died: from epoch {epoch} on every one of its "
                             "gradients is exactly 0 (the steps pushed every neuron of a layer to "
                             "z < 0 for all points, where ReLU's σ′ = 0). With sigmoid layer 1's "
                             "gradient is 10^{sig} of layer 6's; lower the learning rate to compare "
                             "(ReLU: 10^{relu}).",
                             "ReLU 网络“死”了：从第 {epoch} 轮起它的所有梯度都恰好为 0（步子太大，把某一层每个神经元"
                             "对所有样本都推到 z < 0，那里 ReLU 的 σ′ = 0）。sigmoid 时第 1 层的梯度是第 6 层的 "
                             "10^{sig}；调低学习率再比较（ReLU：10^{relu}）。"),
}
