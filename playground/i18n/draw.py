"""Texts of the drawing pad (the "Draw" data set) and of the player's keyboard hint
(key: (English, 中文))."""

TEXTS: dict[str, tuple[str, str]] = {
    "ds.draw": ("Draw your own", "自己画数据"),
    # the pad (static/drawpad.js shows these)
    "dr.how": ("Click to add a point of the chosen class, drag to paint a stroke; the eraser (or "
               "Shift+click, a right click) deletes points. Every change refits at once.",
               "点击添加所选类别的点，拖动画出一串点；用橡皮擦（或 Shift+点击、右键）删除点。"
               "每次改动都会立即重新训练。"),
    "dr.cls": ("Class", "类别"),
    "dr.pick": ("Draw points of class {c}", "画类别 {c} 的点"),
    "dr.add": ("✎ Draw", "✎ 画点"),
    "dr.add_help": ("Click: add a point (also on top of others) · drag: paint a stroke · "
                    "Shift+click or right click: delete",
                    "点击：添加一个点（可叠在其他点上）· 拖动：画一串点 · Shift+点击或右键：删除"),
    "dr.erase": ("⌫ Erase", "⌫ 擦除"),
    "dr.erase_help": ("Click a point: delete it · drag: delete every point under the stroke",
                      "点击一个点：删除它 · 拖动：删除经过的所有点"),
    "dr.test": ("◌ Test", "◌ 测试点"),
    "dr.test_help": ("Click a point: mark it as a test point (or back) · drag: mark every point "
                     "under the stroke · click elsewhere: add a test point",
                     "点击一个点：标为测试点（再点取消）· 拖动：把经过的点都标为测试点 · "
                     "点击空白处：添加一个测试点"),
    "dr.undo": ("Undo", "撤销"),
    "dr.clear": ("Clear", "清空"),
    "dr.count": ("{n} / {cap} points", "{n} / {cap} 个点"),
    "dr.marked": ("{k} marked as test", "{k} 个测试点"),
    "dr.full": ("The pad is full: a drawn set holds at most {cap} points",
                "画板已满：最多 {cap} 个点"),
    "dr.canvas": ("Drawing pad: the points of the drawn data set", "画板：自己画的数据点"),
    # the sidebar around the pad
    "dr.start": ("Start from", "从这里开始"),
    "dr.empty": ("an empty pad", "空白画板"),
    "dr.start_btn": ("Load", "载入"),
    "dr.started": ("Started from {name}: {n} points.", "已从{name}开始：{n} 个点。"),
    "dr.outside": ("{k} points beyond the pad's square (−2 to 2) were left out.",
                   "{k} 个点超出画板范围（−2 到 2），未放入。"),
    "dr.over_cap": ("{k} points were left out at random: a drawn set holds at most {cap}.",
                    "随机去掉了 {k} 个点：自己画的数据最多 {cap} 个点。"),
    "dr.split_marked": ("Test points: the {k} you marked (◌).", "测试点：你标出的 {k} 个点（◌）。"),
    "dr.split_drawn": ("Test points: {k} of the drawn points, chosen at random with the seed "
                       "(mark your own with the ◌ Test tool).",
                       "测试点：从画出的点中按随机种子随机选出 {k} 个（也可用 ◌ 测试点 工具自己标）。"),
    "dr.split_none": ("Too few points to hold any out: every point is a training point.",
                      "点太少，无法留出测试点：所有点都用于训练。"),
    "dr.unusable": ("The drawn set cannot be fit yet: {why}. The charts show the last drawn set "
                    "that could be.", "画出的数据还不能训练：{why}。图表显示的是上一次可以训练的数据。"),
    "dr.unusable_preset": ("The drawn set cannot be fit yet: {why}. The charts show {name} until "
                           "it can.", "画出的数据还不能训练：{why}。在此之前图表显示{name}。"),
    "dr.bad_edit": ("The pad sent a point list that could not be read ({why}); the drawn set is "
                    "unchanged.", "画板发来的点无法读取（{why}）；数据保持不变。"),
    "dr.json": ("Save or open (JSON)", "保存或打开（JSON）"),
    "dr.json_save": ("Save these settings with the drawn points", "保存当前设置和画出的点"),
    "dr.json_open": ("Open a settings file", "打开设置文件"),
    "dr.json_bad": ("Could not open the settings file: {err}", "无法打开设置文件：{err}"),
    # a malformed point list in a link (the setting "pts")
    "msg.bad_param.pts": ("The drawn points in the link (“pts”) could not be read: {why}. The pad "
                          "starts from a preset instead.",
                          "链接中画出的点（“pts”）无法读取：{why}。画板改为从预设数据开始。"),
    # the player's keys (playground/keys.py)
    "keys.hint": ("Keys:", "快捷键："),
    "keys.space": ("play / pause", "播放 / 暂停"),
    "keys.step": ("one back / forward", "后退 / 前进一步"),
    "keys.ends": ("first / last", "最前 / 最后"),
    "keys.first": ("back to the start", "回到开头"),
    "keys.last": ("the end", "到末尾"),
}
