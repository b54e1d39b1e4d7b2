<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>&quot;{argument}&quot; is a kernel preset, not a scene; scenes: {builtin_scene_ids}</source>
        <translation>&quot;{argument}&quot; 是卷积核预设，不是场景；场景有：{builtin_scene_ids}</translation>
    </message>
    <message>
        <source>&quot;{preset_id}&quot; is not a built-in kernel preset</source>
        <translation>&quot;{preset_id}&quot; 不是内置的卷积核预设</translation>
    </message>
    <message>
        <source>&quot;{preset_id}&quot; is {kernel_shape_0}×{kernel_shape_1}, but the first kernel is {first_0}×{first_1}; a sample&apos;s kernels must have one size</source>
        <translation>&quot;{preset_id}&quot; 是 {kernel_shape_0}×{kernel_shape_1}，但第一个卷积核是 {first_0}×{first_1}；一个示例的卷积核必须大小一致</translation>
    </message>
    <message>
        <source>--from {first} --to {last} holds none of kernel {name}&apos;s steps ({span} at level {level})</source>
        <translation>--from {first} --to {last} 中没有卷积核 {name} 的步骤（细节程度 {level} 下为 {span}）</translation>
    </message>
    <message>
        <source>--from {first} comes after --to {last}</source>
        <translation>--from {first} 在 --to {last} 之后</translation>
    </message>
    <message>
        <source>--kernel picks a kernel&apos;s steps of the forward pass; leave it out with --wrt</source>
        <translation>--kernel 选的是前向计算中某个卷积核的步骤；使用 --wrt 时请去掉它</translation>
    </message>
    <message>
        <source>--pick {text}: filter {index} does not exist; there are {count}, 0..{count_1}</source>
        <translation>--pick {text}: 卷积核 {index} 不存在；共有 {count} 个，0..{count_1}</translation>
    </message>
    <message>
        <source>--pick {text}: filter {index} is named twice</source>
        <translation>--pick {text}: 卷积核 {index} 写了两次</translation>
    </message>
    <message>
        <source>--pick {text}: {part!r} is not a filter number (0..{count_1})</source>
        <translation>--pick {text}: {part!r} 不是卷积核编号（0..{count_1}）</translation>
    </message>
    <message>
        <source>--step {args_step}: steps count from 0, as the window and the frames show them</source>
        <translation>--step {args_step}: 步骤从 0 开始数，与窗口和画面显示的一致</translation>
    </message>
    <message>
        <source>--step {step} is outside the scene&apos;s steps 0..{len_trace_1} at level {level}</source>
        <translation>--step {step} 超出了场景的步骤 0..{len_trace_1}（细节程度 {level}）</translation>
    </message>
    <message>
        <source>--step {step} is outside the scene&apos;s steps 0..{len_window_animator_1} at level {level}</source>
        <translation>--step {step} 超出了场景的步骤 0..{len_window_animator_1}（细节程度 {level}）</translation>
    </message>
    <message>
        <source>--view {view}: a view of a forward convolution; this transposed scene&apos;s views are {transposed_views}</source>
        <translation>--view {view}: 这是前向卷积的视图；这个转置卷积场景的视图有 {transposed_views}</translation>
    </message>
    <message>
        <source>--view {view}: only a transposed convolution is stepped that way; this scene&apos;s views are {frame_views}</source>
        <translation>--view {view}: 只有转置卷积才这样逐步计算；这个场景的视图有 {frame_views}</translation>
    </message>
    <message>
        <source>--wrt shows the backward pass of a forward convolution (op &quot;conv&quot;); this scene is transposed</source>
        <translation>--wrt 显示前向卷积（op &quot;conv&quot;）的反向传播；这个场景是转置卷积</translation>
    </message>
    <message>
        <source>--wrt {wrt!r}: choose one of {wrt1}</source>
        <translation>--wrt {wrt!r}: 请从 {wrt1} 中选择</translation>
    </message>
    <message>
        <source>MP4 export needs ffmpeg, but {exe} is missing or can&apos;t be run; {hint}</source>
        <translation>导出 MP4 需要 ffmpeg，但 {exe} 不存在或无法运行；{hint}</translation>
    </message>
    <message>
        <source>MP4 export needs ffmpeg, which was not found; {hint}</source>
        <translation>导出 MP4 需要 ffmpeg，但没有找到它；{hint}</translation>
    </message>
    <message>
        <source>SVG needs PySide6&apos;s QtSvg module, which this installation lacks; save a PNG</source>
        <translation>SVG 需要 PySide6 的 QtSvg 模块，而这个安装中没有；请保存为 PNG</translation>
    </message>
    <message>
        <source>U is [{u_shape_0}, {u_shape_1}], but W [{K}, {n}] with groups {G} and output {oh}×{ow} needs U [{g_n}, {oh_ow}]</source>
        <translation>U 是 [{u_shape_0}, {u_shape_1}]，但 W [{K}, {n}]（分组 {G}，输出 {oh}×{ow}）需要 U [{g_n}, {oh_ow}]</translation>
    </message>
    <message>
        <source>a block of values must be 2-D, got shape {block_shape}</source>
        <translation>一块数值必须是二维的，得到的形状是 {block_shape}</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>一个列表</translation>
    </message>
    <message>
        <source>a list of channel matrices</source>
        <translation>由通道矩阵组成的列表</translation>
    </message>
    <message>
        <source>a list of kernels</source>
        <translation>由卷积核组成的列表</translation>
    </message>
    <message>
        <source>a matrix (a list of rows)</source>
        <translation>矩阵（由行组成的列表）</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>一个数</translation>
    </message>
    <message>
        <source>a preset needs a name</source>
        <translation>预设需要一个名字</translation>
    </message>
    <message>
        <source>a scene can have at most {edits_limits_k} kernels; the preset has {n_fitted}</source>
        <translation>一个场景最多有 {edits_limits_k} 个卷积核；这个预设有 {n_fitted} 个</translation>
    </message>
    <message>
        <source>a scene can have at most {limits_k} kernels</source>
        <translation>一个场景最多有 {limits_k} 个卷积核</translation>
    </message>
    <message>
        <source>a scene needs at least one kernel</source>
        <translation>一个场景至少需要一个卷积核</translation>
    </message>
    <message>
        <source>a transposed convolution has no forward geometry; it is stepped as a scatter (convviz.core.transposed_trace) or as its equivalent direct convolution (convviz.core.transposed_direct)</source>
        <translation>转置卷积没有前向几何；它按散布（convviz.core.transposed_trace）或按等价的直接卷积（convviz.core.transposed_direct）逐步计算</translation>
    </message>
    <message>
        <source>a transposed convolution pads with zeros only (as in PyTorch), got padding_mode {padding_mode!r}</source>
        <translation>转置卷积只用零填充（与 PyTorch 相同），得到的 padding_mode 是 {padding_mode!r}</translation>
    </message>
    <message>
        <source>a {block_shape_0}×{block_shape_1} block at row {row}, column {col} does not fit a {rows}×{cols} grid</source>
        <translation>在第 {row} 行、第 {col} 列的 {block_shape_0}×{block_shape_1} 数值块放不进 {rows}×{cols} 的网格</translation>
    </message>
    <message>
        <source>a {c}-channel preset can start at channel 1 to {last} of {channels}, not {channel_1}</source>
        <translation>{c} 个通道的预设可以从第 1 到第 {last} 个通道开始（共 {channels} 个），不能从第 {channel_1} 个</translation>
    </message>
    <message>
        <source>all kernels must have the same shape [kh,kw,c]: {name} is [{map}], {k_name} is [{map1}]</source>
        <translation>所有卷积核的形状 [kh,kw,c] 必须相同：{name} 是 [{map}]，{k_name} 是 [{map1}]</translation>
    </message>
    <message>
        <source>an input of [{H},{W},{C}] would hold {h_w_c:,} values; convviz handles at most {max_input_values:,} (for larger images, open them with File → Open Image… and downsize)</source>
        <translation>[{H},{W},{C}] 的输入会有 {h_w_c:,} 个数值；convviz 最多处理 {max_input_values:,} 个（更大的图片请用 文件 → 打开图片… 打开并缩小）</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>一个对象</translation>
    </message>
    <message>
        <source>autosave notes</source>
        <translation>自动保存记录</translation>
    </message>
    <message>
        <source>bias must have one value per kernel (K = {K}), got {b_shape_0}</source>
        <translation>偏置必须每个卷积核一个值（K = {K}），得到 {b_shape_0} 个</translation>
    </message>
    <message>
        <source>bias must have one value per kernel (K = {K}), got {ba_shape_0}</source>
        <translation>偏置必须每个卷积核一个值（K = {K}），得到 {ba_shape_0} 个</translation>
    </message>
    <message>
        <source>bias {found_bias} {shape_shape} does not fit {name}: it needs {K} finite values</source>
        <translation>偏置 {found_bias} {shape_shape} 与 {name} 不符：它需要 {K} 个有限数值</translation>
    </message>
    <message>
        <source>can&apos;t be read: {exc_strerror_or_exc}</source>
        <translation>无法读取：{exc_strerror_or_exc}</translation>
    </message>
    <message>
        <source>can&apos;t read the image: the image data is damaged or cut short ({exc})</source>
        <translation>无法读取图片：图片数据已损坏或不完整（{exc}）</translation>
    </message>
    <message>
        <source>can&apos;t read the image: {detail}</source>
        <translation>无法读取图片：{detail}</translation>
    </message>
    <message>
        <source>cannot be created: {exc_strerror_or_exc}</source>
        <translation>无法创建：{exc_strerror_or_exc}</translation>
    </message>
    <message>
        <source>cannot be deleted: {exc_strerror_or_exc}</source>
        <translation>无法删除：{exc_strerror_or_exc}</translation>
    </message>
    <message>
        <source>cannot be read as PyTorch weights (weights_only=True): {first}</source>
        <translation>无法作为 PyTorch 权重读取（weights_only=True）：{first}</translation>
    </message>
    <message>
        <source>cannot be read: {exc_strerror_or_exc}</source>
        <translation>无法读取：{exc_strerror_or_exc}</translation>
    </message>
    <message>
        <source>cannot be renamed: {exc_strerror_or_exc}</source>
        <translation>无法重命名：{exc_strerror_or_exc}</translation>
    </message>
    <message>
        <source>cannot be written: a name or description holds \u{code:04x}, half of a UTF-16 surrogate pair and no character by itself; rename it</source>
        <translation>无法写入：名字或说明中含有 \u{code:04x}，它是 UTF-16 代理对的一半，本身不是字符；请重命名</translation>
    </message>
    <message>
        <source>cannot be written: {exc_strerror_or_exc}</source>
        <translation>无法写入：{exc_strerror_or_exc}</translation>
    </message>
    <message>
        <source>cannot be written: {reason}; nothing was left behind</source>
        <translation>无法写入：{reason}；没有留下任何文件</translation>
    </message>
    <message>
        <source>cannot write the output: {exc_strerror_or_exc}</source>
        <translation>无法写出输出：{exc_strerror_or_exc}</translation>
    </message>
    <message>
        <source>choose where to save the animation</source>
        <translation>请选择动画的保存位置</translation>
    </message>
    <message>
        <source>circular padding {p} ({side}) must not exceed the input {dim} {n}</source>
        <translation>circular 填充 {p}（{side}）不能超过输入的 {dim} {n}</translation>
    </message>
    <message>
        <source>each kernel has 1 channel, but the input has C = {C} and groups = {g}, so each kernel needs C // groups = {c_g}</source>
        <translation>每个卷积核有 1 个通道，但输入有 C = {C} 个通道、分组 = {g}，所以每个卷积核需要 C // groups = {c_g} 个通道</translation>
    </message>
    <message>
        <source>each kernel has {c_per_group} channels, but the input has C = {C} and groups = {g}, so each kernel needs C // groups = {c_g}</source>
        <translation>每个卷积核有 {c_per_group} 个通道，但输入有 C = {C} 个通道、分组 = {g}，所以每个卷积核需要 C // groups = {c_g} 个通道</translation>
    </message>
    <message>
        <source>each kernel has {c} channel(s), but x has C = {C} channels and groups = {G}, so each kernel needs C // groups = {c_g} (kernels {ka_shape} in the seed layout (kh, kw, C // groups, K))</source>
        <translation>每个卷积核有 {c} 个通道，但 x 有 C = {C} 个通道、分组 = {G}，所以每个卷积核需要 C // groups = {c_g} 个通道（卷积核在种子布局 (kh, kw, C // groups, K) 中为 {ka_shape}）</translation>
    </message>
    <message>
        <source>format version {version} was made by a newer convviz; this one reads version {format_version}</source>
        <translation>格式版本 {version} 由更新的 convviz 生成；这个版本只能读取版本 {format_version}</translation>
    </message>
    <message>
        <source>fps {fps:g}: at least {least:g} steps per second (a step lasts at most {longest:g} s)</source>
        <translation>fps {fps:g}: 每秒至少 {least:g} 步（一步最长 {longest:g} 秒）</translation>
    </message>
    <message>
        <source>fps {fps:g}: at most {most:g} steps per second</source>
        <translation>fps {fps:g}: 每秒最多 {most:g} 步</translation>
    </message>
    <message>
        <source>fps {fps:g}: steps per second must be more than 0</source>
        <translation>fps {fps:g}: 每秒步数必须大于 0</translation>
    </message>
    <message>
        <source>gives {n_kernels} kernels; a scene can have at most {limits_k}</source>
        <translation>得到 {n_kernels} 个卷积核；一个场景最多有 {limits_k} 个</translation>
    </message>
    <message>
        <source>grad_output has shape [{map}], but the feature maps it is the gradient of are [oh,ow,K] = [{oh},{ow},{K}]</source>
        <translation>grad_output 的形状是 [{map}]，但它所对应的特征图是 [oh,ow,K] = [{oh},{ow},{K}]</translation>
    </message>
    <message>
        <source>grad_output has shape [{s_map}], but the feature maps it is the gradient of are [oh,ow,K] = [{oh},{ow},{K}]</source>
        <translation>grad_output 的形状是 [{s_map}]，但它所对应的特征图是 [oh,ow,K] = [{oh},{ow},{K}]</translation>
    </message>
    <message>
        <source>groups = {G} must divide both the input channels C = {C} and the kernels K = {K}</source>
        <translation>分组 = {G} 必须同时整除输入通道数 C = {C} 和卷积核数 K = {K}</translation>
    </message>
    <message>
        <source>groups must be a whole number ≥ 1, got {groups!r}</source>
        <translation>分组必须是 ≥ 1 的整数，得到 {groups!r}</translation>
    </message>
    <message>
        <source>groups must be a whole number, got {groups!r}</source>
        <translation>分组必须是整数，得到 {groups!r}</translation>
    </message>
    <message>
        <source>groups must be ≥ 1, got {g}</source>
        <translation>分组必须 ≥ 1，得到 {g}</translation>
    </message>
    <message>
        <source>groups {G} must divide the number of kernels K = {K}</source>
        <translation>分组 {G} 必须整除卷积核数 K = {K}</translation>
    </message>
    <message>
        <source>groups {g} must divide the input channels C = {C}</source>
        <translation>分组 {g} 必须整除输入通道数 C = {C}</translation>
    </message>
    <message>
        <source>groups {g} must divide the number of kernels K = {K}</source>
        <translation>分组 {g} 必须整除卷积核数 K = {K}</translation>
    </message>
    <message>
        <source>has 1 channel, but the input has C = {C} and groups = {g}, so each kernel needs C // groups = {c_g}</source>
        <translation>有 1 个通道，但输入有 C = {C} 个通道、分组 = {g}，所以每个卷积核需要 C // groups = {c_g} 个通道</translation>
    </message>
    <message>
        <source>has no &quot;convviz&quot;: 1 marker; it is not a convviz scene or preset</source>
        <translation>没有 &quot;convviz&quot;: 1 标记；它不是 convviz 场景或预设</translation>
    </message>
    <message>
        <source>has no &quot;convviz_sample&quot;: 1 marker; it is not a sample recipe</source>
        <translation>没有 &quot;convviz_sample&quot;: 1 标记；它不是示例配方</translation>
    </message>
    <message>
        <source>has no &quot;kernels&quot;</source>
        <translation>没有 &quot;kernels&quot;（卷积核）</translation>
    </message>
    <message>
        <source>has no &quot;weights&quot;</source>
        <translation>没有 &quot;weights&quot;</translation>
    </message>
    <message>
        <source>has too many presets called {stem!r}</source>
        <translation>名为 {stem!r} 的预设太多了</translation>
    </message>
    <message>
        <source>has {c} channels, but the input has C = {C} and groups = {g}, so each kernel needs C // groups = {c_g}</source>
        <translation>有 {c} 个通道，但输入有 C = {C} 个通道、分组 = {g}，所以每个卷积核需要 C // groups = {c_g} 个通道</translation>
    </message>
    <message>
        <source>has {dy_shape_2} matrices of {dy_shape_0}×{dy_shape_1}, but the feature maps are {K} of {oh}×{ow}; dY needs one matrix per kernel, the size of a feature map</source>
        <translation>有 {dy_shape_2} 个 {dy_shape_0}×{dy_shape_1} 的矩阵，但特征图是 {K} 个 {oh}×{ow}；dY 需要每个卷积核一个矩阵，大小与特征图相同</translation>
    </message>
    <message>
        <source>has {weights_shape_2} channel(s) of {weights_shape_0}×{weights_shape_1}, but kernels[0] has {first_2} of {first_0}×{first_1}; all kernels must have the same shape</source>
        <translation>有 {weights_shape_2} 个 {weights_shape_0}×{weights_shape_1} 的通道，但 kernels[0] 卷积核有 {first_2} 个 {first_0}×{first_1}；所有卷积核的形状必须相同</translation>
    </message>
    <message>
        <source>hold-last {hold:g}: at most {most:g} seconds</source>
        <translation>hold-last {hold:g}: 最多 {most:g} 秒</translation>
    </message>
    <message>
        <source>hold-last {hold:g}: seconds must be 0 or more</source>
        <translation>hold-last {hold:g}: 秒数必须是 0 或更多</translation>
    </message>
    <message>
        <source>holds Python objects that only unpickling could read, and convviz never unpickles</source>
        <translation>含有只有反序列化（unpickle）才能读取的 Python 对象，而 convviz 从不反序列化</translation>
    </message>
    <message>
        <source>holds \u{code:04x} at character {exc_start}, half of a UTF-16 surrogate pair and no character by itself; remove it or write the whole character</source>
        <translation>在第 {exc_start} 个字符处含有 \u{code:04x}，它是 UTF-16 代理对的一半，本身不是字符；请删除它或写出完整的字符</translation>
    </message>
    <message>
        <source>holds a number convviz can&apos;t read: {exc}</source>
        <translation>含有 convviz 无法读取的数：{exc}</translation>
    </message>
    <message>
        <source>image format {image_format!r}: choose PNG or JPEG</source>
        <translation>图片格式 {image_format!r}：请选择 PNG 或 JPEG</translation>
    </message>
    <message>
        <source>input must not be empty, got shape [H,W,C] = [{H},{W},{C}]</source>
        <translation>输入不能为空，得到的形状是 [H,W,C] = [{H},{W},{C}]</translation>
    </message>
    <message>
        <source>is a damaged NumPy file: {exc}</source>
        <translation>是损坏的 NumPy 文件：{exc}</translation>
    </message>
    <message>
        <source>is a file, not a folder for PNG frames</source>
        <translation>是文件，不是存放 PNG 帧的文件夹</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>是文件夹，不是文件</translation>
    </message>
    <message>
        <source>is a folder, not an image file</source>
        <translation>是文件夹，不是图片文件</translation>
    </message>
    <message>
        <source>is a folder; give a file name</source>
        <translation>是文件夹；请给出文件名</translation>
    </message>
    <message>
        <source>is a kernel preset (it has no &quot;input&quot;), not a scene</source>
        <translation>是卷积核预设（没有 &quot;input&quot; 输入），不是场景</translation>
    </message>
    <message>
        <source>is a named pipe (FIFO), not an image file</source>
        <translation>是命名管道（FIFO），不是图片文件</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>是空的</translation>
    </message>
    <message>
        <source>is more than {limit_size_text}; {what} are limited to {limit_size_text}</source>
        <translation>超过 {limit_size_text}；{what}限制为 {limit_size_text}</translation>
    </message>
    <message>
        <source>is nested too deeply to be a scene</source>
        <translation>嵌套太深，不可能是场景</translation>
    </message>
    <message>
        <source>is not UTF-8 text</source>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>is not UTF-8 text (byte 0x{data_exc_start:02x} at offset {exc_start})</source>
        <translation>不是 UTF-8 文本（偏移 {exc_start} 处的字节 0x{data_exc_start:02x}）</translation>
    </message>
    <message>
        <source>is not a NumPy file: {exc}</source>
        <translation>不是 NumPy 文件：{exc}</translation>
    </message>
    <message>
        <source>is not a NumPy {suffix} file (it doesn&apos;t start as one)</source>
        <translation>不是 NumPy {suffix} 文件（开头不对）</translation>
    </message>
    <message>
        <source>is not a regular file (it is a device, FIFO or socket); convviz only writes regular files</source>
        <translation>不是普通文件（它是设备、FIFO 或套接字）；convviz 只写普通文件</translation>
    </message>
    <message>
        <source>is not a regular file (it is a device, FIFO or socket); convviz reads only regular files</source>
        <translation>不是普通文件（它是设备、FIFO 或套接字）；convviz 只读普通文件</translation>
    </message>
    <message>
        <source>is not a safetensors file numpy can read: {exc}</source>
        <translation>不是 numpy 能读取的 safetensors 文件：{exc}</translation>
    </message>
    <message>
        <source>is not valid JSON: {exc_msg} (line {exc_lineno}, column {exc_colno})</source>
        <translation>不是有效的 JSON：{exc_msg}（第 {exc_lineno} 行，第 {exc_colno} 列）</translation>
    </message>
    <message>
        <source>is {info_st_size_size_text}; {what} are limited to {limit_size_text}</source>
        <translation>大小为 {info_st_size_size_text}；{what}限制为 {limit_size_text}</translation>
    </message>
    <message>
        <source>is {kind}, not an image file</source>
        <translation>是{kind}，不是图片文件</translation>
    </message>
    <message>
        <source>is {len_data_2_20:.0f} MB; scene files are limited to {max_file_bytes_2_20} MB</source>
        <translation>大小为 {len_data_2_20:.0f} MB；场景文件限制为 {max_file_bytes_2_20} MB</translation>
    </message>
    <message>
        <source>is {mat_shape_0}×{mat_shape_1}, but {json_path}[0] is {mats_0_shape_0}×{mats_0_shape_1}; all channels must have the same size</source>
        <translation>是 {mat_shape_0}×{mat_shape_1}，但 {json_path}[0] 是 {mats_0_shape_0}×{mats_0_shape_1}；所有通道的大小必须相同</translation>
    </message>
    <message>
        <source>it has no steps</source>
        <translation>它没有步骤</translation>
    </message>
    <message>
        <source>kernel must be a kernel index 0..{k_1}, got {kernel!r}</source>
        <translation>卷积核必须是卷积核编号 0..{k_1}，得到 {kernel!r}</translation>
    </message>
    <message>
        <source>kernel {k_size} is larger than the padded input {padded_size}</source>
        <translation>卷积核 {k_size} 比填充后的输入 {padded_size} 大</translation>
    </message>
    <message>
        <source>kernel {k_size} with dilation {dil_size} spans {span_size}, but the padded input is {padded_size}</source>
        <translation>卷积核 {k_size} 在膨胀 {dil_size} 下跨越 {span_size}，但填充后的输入是 {padded_size}</translation>
    </message>
    <message>
        <source>kernel {kernel!r}: no such kernel; the scene has {names}</source>
        <translation>卷积核 {kernel!r}：没有这个卷积核；场景中有 {names}</translation>
    </message>
    <message>
        <source>kernel {kernel_name!r} has {c} channels; the image has {channels}</source>
        <translation>卷积核 {kernel_name!r} 有 {c} 个通道；图片有 {channels} 个</translation>
    </message>
    <message>
        <source>kernel {kernel}: the scene has kernels 0..{len_names_1} ({names})</source>
        <translation>卷积核 {kernel}：场景中的卷积核是 0..{len_names_1}（{names}）</translation>
    </message>
    <message>
        <source>kernel {k} does not exist; there are K = {K} kernels, 0..{k_1}</source>
        <translation>卷积核 {k} 不存在；共有 K = {K} 个卷积核，0..{k_1}</translation>
    </message>
    <message>
        <source>kernel {name!r} bias must be a finite number, got {bias!r}</source>
        <translation>卷积核 {name!r} 的偏置必须是有限数，得到 {bias!r}</translation>
    </message>
    <message>
        <source>kernel {name} has</source>
        <translation>卷积核 {name}</translation>
    </message>
    <message>
        <source>kernel {name}, output cell ({row}, {col}): the result is too large for a 64-bit number (it overflows past ±1.8e308); use smaller input values, weights or bias</source>
        <translation>卷积核 {name}，输出格子 ({row}, {col})：结果超出 64 位数的范围（超过 ±1.8e308）；请使用更小的输入值、权重或偏置</translation>
    </message>
    <message>
        <source>kernels [C,K//groups,kh,kw] = {k_shape} must have C = {channels} rows (one per input channel), divisible by groups = {G}</source>
        <translation>卷积核 [C,K//groups,kh,kw] = {k_shape} 必须有 C = {channels} 行（每个输入通道一行），并能被分组 = {G} 整除</translation>
    </message>
    <message>
        <source>kernels must be 4-D {expected} (or one 2-D kernel), got {k_shape}</source>
        <translation>卷积核必须是四维的 {expected}（或一个二维卷积核），得到 {k_shape}</translation>
    </message>
    <message>
        <source>kernels must not be empty, got shape [kh,kw,c,k] = [{kh},{kw},{c_per_group},{K}]</source>
        <translation>卷积核不能为空，得到的形状是 [kh,kw,c,k] = [{kh},{kw},{c_per_group},{K}]</translation>
    </message>
    <message>
        <source>kernels must not be empty, got shape [kh,kw,c,k] = [{kh},{kw},{cg},{K}]</source>
        <translation>卷积核不能为空，得到的形状是 [kh,kw,c,k] = [{kh},{kw},{cg},{K}]</translation>
    </message>
    <message>
        <source>layout must be one of {map}, got {layout!r}</source>
        <translation>layout 必须是 {map} 之一，得到 {layout!r}</translation>
    </message>
    <message>
        <source>level {level!r}: choose cell, channel or multiply</source>
        <translation>细节程度 {level!r}：请选择 cell（按格子）、channel（按通道）或 multiply（按乘法）</translation>
    </message>
    <message>
        <source>must be a JSON object {{&quot;convviz&quot;: 1, ...}}, got {doc_kind}</source>
        <translation>必须是 JSON 对象 {{&quot;convviz&quot;: 1, ...}}，得到 {doc_kind}</translation>
    </message>
    <message>
        <source>must be a file name in resources/images, got &quot;{image_name}&quot;</source>
        <translation>必须是 resources/images 中的文件名，得到 &quot;{image_name}&quot;</translation>
    </message>
    <message>
        <source>must be a list of built-in kernel preset names, like [&quot;sobel-x&quot;, &quot;sobel-y&quot;]</source>
        <translation>必须是内置卷积核预设名的列表，例如 [&quot;sobel-x&quot;, &quot;sobel-y&quot;]</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to {limits_h}, or null; got {json_dumps_max_side_40}</source>
        <translation>必须是 1 到 {limits_h} 的整数，或 null；得到 {json_dumps_max_side_40}</translation>
    </message>
    <message>
        <source>must be an object like {{&quot;name&quot;: &quot;W0&quot;, &quot;bias&quot;: 0, &quot;weights&quot;: [...]}}, got {item_kind}</source>
        <translation>必须是类似 {{&quot;name&quot;: &quot;W0&quot;, &quot;bias&quot;: 0, &quot;weights&quot;: [...]}} 的对象（卷积核的名字、偏置和权重），得到 {item_kind}</translation>
    </message>
    <message>
        <source>must be text, got {name_kind}</source>
        <translation>必须是文本，得到 {name_kind}</translation>
    </message>
    <message>
        <source>must be text, got {value1}</source>
        <translation>必须是文本，得到 {value1}</translation>
    </message>
    <message>
        <source>must be text, got {value_kind}</source>
        <translation>必须是文本，得到 {value_kind}</translation>
    </message>
    <message>
        <source>must be the format version number 1, got {version_shown}</source>
        <translation>必须是格式版本号 1，得到 {version_shown}</translation>
    </message>
    <message>
        <source>must be {kind}, got {value_kind}</source>
        <translation>必须是{kind}，得到 {value_kind}</translation>
    </message>
    <message>
        <source>must be {map}, got {json_dumps_value_40}</source>
        <translation>必须是 {map}，得到 {json_dumps_value_40}</translation>
    </message>
    <message>
        <source>must be {sample_version}, got {value1}</source>
        <translation>必须是 {sample_version}，得到 {value1}</translation>
    </message>
    <message>
        <source>must have at least one channel</source>
        <translation>至少要有一个通道</translation>
    </message>
    <message>
        <source>must have at least one kernel</source>
        <translation>至少要有一个卷积核</translation>
    </message>
    <message>
        <source>must hold finite numbers</source>
        <translation>必须只含有限数</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>no built-in scene or file named &quot;{argument}&quot;; built-in scenes: {builtin_scene_ids}</source>
        <translation>没有名为 &quot;{argument}&quot; 的内置场景或文件；内置场景有：{builtin_scene_ids}</translation>
    </message>
    <message>
        <source>no built-in scene or file named &quot;{argument}&quot;; built-in scenes: {builtin_scene_ids} (commands: {commands})</source>
        <translation>没有名为 &quot;{argument}&quot; 的内置场景或文件；内置场景有：{builtin_scene_ids}（命令有：{commands}）</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>没有这个文件</translation>
    </message>
    <message>
        <source>no tensor named {name!r}; the 4-D tensors are: {available}</source>
        <translation>没有名为 {name!r} 的张量；四维张量有：{available}</translation>
    </message>
    <message>
        <source>nothing to export: {message}</source>
        <translation>没有可导出的内容：{message}</translation>
    </message>
    <message>
        <source>numbers must be inside the brackets</source>
        <translation>数必须写在括号里</translation>
    </message>
    <message>
        <source>only 1-D or 2-D blocks can be pasted; the brackets nest deeper or don&apos;t match</source>
        <translation>只能粘贴一维或二维的数值块；括号嵌套太深或不匹配</translation>
    </message>
    <message>
        <source>op must be one of {ops}, got {op!r}</source>
        <translation>op 必须是 {ops} 之一，得到 {op!r}</translation>
    </message>
    <message>
        <source>order {order!r}: choose kernel or position</source>
        <translation>顺序 {order!r}：请选择 kernel（按卷积核）或 position（按位置）</translation>
    </message>
    <message>
        <source>output cell ({out_row}, {out_col}) of map {kernel}: the output is {oh}×{ow} with {kernel_count} maps</source>
        <translation>特征图 {kernel} 的输出格子 ({out_row}, {out_col})：输出是 {oh}×{ow}，共 {kernel_count} 张特征图</translation>
    </message>
    <message>
        <source>output_padding {o} ({axis}) must be smaller than either the stride {st} or the dilation {dl}</source>
        <translation>output_padding {o}（{axis}）必须小于步长 {st} 或膨胀 {dl} 之一</translation>
    </message>
    <message>
        <source>padding &quot;same&quot; needs stride 1, got stride {stride_size}</source>
        <translation>&quot;same&quot; 填充需要步长 1，得到步长 {stride_size}</translation>
    </message>
    <message>
        <source>padding must be a number, a pair, &quot;same&quot; or &quot;valid&quot;, got {padding!r}</source>
        <translation>填充必须是一个数、一对数、&quot;same&quot; 或 &quot;valid&quot;，得到 {padding!r}</translation>
    </message>
    <message>
        <source>padding of a transposed convolution must be a number or a pair (h, w), got {padding!r}</source>
        <translation>转置卷积的填充必须是一个数或一对数 (h, w)，得到 {padding!r}</translation>
    </message>
    <message>
        <source>padding {p_0}×{p_1} leaves no output: oh = ({in_hw_0} − 1)·{s_0} − 2·{p_0} + {d_0}·({k_hw_0} − 1) + {op_0} + 1 = {out_0}, ow = ({in_hw_1} − 1)·{s_1} − 2·{p_1} + {d_1}·({k_hw_1} − 1) + {op_1} + 1 = {out_1}; the output must be at least 1×1</source>
        <translation>填充 {p_0}×{p_1} 使输出为空：oh = ({in_hw_0} − 1)·{s_0} − 2·{p_0} + {d_0}·({k_hw_0} − 1) + {op_0} + 1 = {out_0}，ow = ({in_hw_1} − 1)·{s_1} − 2·{p_1} + {d_1}·({k_hw_1} − 1) + {op_1} + 1 = {out_1}；输出至少要 1×1</translation>
    </message>
    <message>
        <source>padding_mode must be one of {padding_modes}, got {padding_mode!r}</source>
        <translation>padding_mode 必须是 {padding_modes} 之一，得到 {padding_mode!r}</translation>
    </message>
    <message>
        <source>pasted row {r} has 1 value, but row 1 has {width}</source>
        <translation>粘贴的第 {r} 行有 1 个数，但第 1 行有 {width} 个</translation>
    </message>
    <message>
        <source>pasted row {r} has {n} values, but row 1 has {width}</source>
        <translation>粘贴的第 {r} 行有 {n} 个数，但第 1 行有 {width} 个</translation>
    </message>
    <message>
        <source>pasted row {r}, value {c}: {error}</source>
        <translation>粘贴的第 {r} 行第 {c} 个数：{error}</translation>
    </message>
    <message>
        <source>pixel ratio {ratio:g}: must be 0.5..4</source>
        <translation>pixel ratio {ratio:g}: 必须在 0.5..4 之间</translation>
    </message>
    <message>
        <source>preset files</source>
        <translation>预设文件</translation>
    </message>
    <message>
        <source>reading .pt/.pth needs PyTorch (pip install torch); or save the weights as .safetensors or .npz</source>
        <translation>读取 .pt/.pth 需要 PyTorch（pip install torch）；或者把权重保存为 .safetensors 或 .npz</translation>
    </message>
    <message>
        <source>reading .safetensors needs the safetensors package: pip install &quot;convviz[weights]&quot;</source>
        <translation>读取 .safetensors 需要 safetensors 包：pip install &quot;convviz[weights]&quot;</translation>
    </message>
    <message>
        <source>reflect padding {p} ({side}) must be smaller than the input {dim} {n}</source>
        <translation>reflect 填充 {p}（{side}）必须小于输入的 {dim} {n}</translation>
    </message>
    <message>
        <source>row {r} has 1 number, expected {width}</source>
        <translation>第 {r} 行有 1 个数，应为 {width} 个</translation>
    </message>
    <message>
        <source>row {r} has {n_row} numbers, expected {width}</source>
        <translation>第 {r} 行有 {n_row} 个数，应为 {width} 个</translation>
    </message>
    <message>
        <source>row {r} is empty</source>
        <translation>第 {r} 行是空的</translation>
    </message>
    <message>
        <source>row {r} must be a list of numbers, got {row_kind}</source>
        <translation>第 {r} 行必须是由数组成的列表，得到 {row_kind}</translation>
    </message>
    <message>
        <source>scale {scale:g}: must be 0.25..4</source>
        <translation>scale {scale:g}: 必须在 0.25..4 之间</translation>
    </message>
    <message>
        <source>scene files</source>
        <translation>场景文件</translation>
    </message>
    <message>
        <source>size {text!r}: write it as WIDTH×HEIGHT, e.g. 1280×720</source>
        <translation>尺寸 {text!r}：请写成 宽×高，例如 1280×720</translation>
    </message>
    <message>
        <source>size {w}×{h}: H.264 MP4 (yuv420p) needs an even width and height, e.g. {even_w}×{even_h}</source>
        <translation>size {w}×{h}: H.264 MP4（yuv420p）需要偶数的宽和高，例如 {even_w}×{even_h}</translation>
    </message>
    <message>
        <source>size {w}×{h}: width and height must be 16..7680 and 16..4320</source>
        <translation>size {w}×{h}: 宽和高必须分别在 16..7680 和 16..4320 之间</translation>
    </message>
    <message>
        <source>step {step} is outside the scene&apos;s steps 0..{len_steps_1} at level {trace_level_value}</source>
        <translation>步骤 {step} 超出了场景的步骤 0..{len_steps_1}（细节程度 {trace_level_value}）</translation>
    </message>
    <message>
        <source>tensor {name} has {n_chosen} filters; a preset holds at most {limits_k}: choose some with --pick 0,3,5</source>
        <translation>张量 {name} 有 {n_chosen} 个卷积核；一个预设最多 {limits_k} 个：请用 --pick 0,3,5 选出一些</translation>
    </message>
    <message>
        <source>tensor {name} holds nan or inf</source>
        <translation>张量 {name} 含有 nan 或 inf</translation>
    </message>
    <message>
        <source>tensor {name} holds {arr_dtype} values, not numbers</source>
        <translation>张量 {name} 存的是 {arr_dtype} 值，不是数</translation>
    </message>
    <message>
        <source>tensor {name} is {weight_ndim}-D {weight_shape_shape}; conv weights are 4-D [K,C,kh,kw]</source>
        <translation>张量 {name} 是 {weight_ndim} 维的 {weight_shape_shape}；卷积权重是四维的 [K,C,kh,kw]</translation>
    </message>
    <message>
        <source>tensor {name} {weight_shape_shape} has {key} = {value}; convviz shows at most {limits_key}</source>
        <translation>张量 {name} {weight_shape_shape} 的 {key} = {value}；convviz 最多显示 {limits_key}</translation>
    </message>
    <message>
        <source>tensor {name} {weight_shape_shape} is empty</source>
        <translation>张量 {name} {weight_shape_shape} 是空的</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>the backward pass is for a forward convolution (op &quot;conv&quot;); this scene is transposed</source>
        <translation>反向传播是针对前向卷积（op &quot;conv&quot;）的；这个场景是转置卷积</translation>
    </message>
    <message>
        <source>the brackets don&apos;t match</source>
        <translation>括号不匹配</translation>
    </message>
    <message>
        <source>the clipboard holds binary data, not numbers</source>
        <translation>剪贴板中是二进制数据，不是数</translation>
    </message>
    <message>
        <source>the clipboard holds more than {most:,} values</source>
        <translation>剪贴板中的数值超过 {most:,} 个</translation>
    </message>
    <message>
        <source>the clipboard holds no numbers</source>
        <translation>剪贴板中没有数</translation>
    </message>
    <message>
        <source>the clipboard holds {n:,} characters; convviz pastes at most {most:,}</source>
        <translation>剪贴板中有 {n:,} 个字符；convviz 最多粘贴 {most:,} 个</translation>
    </message>
    <message>
        <source>the equivalent direct convolution is of a transposed scene; {scene_name_or_this_scene} is op &quot;conv&quot;</source>
        <translation>等价的直接卷积属于转置卷积场景；{scene_name_or_this_scene} 是 op &quot;conv&quot;</translation>
    </message>
    <message>
        <source>the equivalent direct convolution&apos;s input would be empty</source>
        <translation>等价的直接卷积的输入会是空的</translation>
    </message>
    <message>
        <source>the export would have {frames:,} frames ({steps:,} steps and {hold:,} frames of hold); at most {most:,}: export fewer steps (--from/--to, --kernel, --level cell) or a shorter --hold-last</source>
        <translation>导出会有 {frames:,} 帧（{steps:,} 步，加上 {hold:,} 帧停留）；最多 {most:,} 帧：请导出更少的步骤（--from/--to、--kernel 只选一个卷积核、--level cell）或缩短 --hold-last</translation>
    </message>
    <message>
        <source>the export would have {frames:,} frames ({steps:,} steps); at most {most:,}: export fewer steps (--from/--to, --kernel, --level cell) or a shorter --hold-last</source>
        <translation>导出会有 {frames:,} 帧（{steps:,} 步）；最多 {most:,} 帧：请导出更少的步骤（--from/--to、--kernel 只选一个卷积核、--level cell）或缩短 --hold-last</translation>
    </message>
    <message>
        <source>the file holds a {detected_upper} image; convviz opens PNG, JPEG and BMP</source>
        <translation>这个文件是 {detected_upper} 图片；convviz 能打开 PNG、JPEG 和 BMP</translation>
    </message>
    <message>
        <source>the file holds a {value1} image; convviz opens PNG, JPEG and BMP</source>
        <translation>这个文件是 {value1} 图片；convviz 能打开 PNG、JPEG 和 BMP</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>the folder is not empty; frames are only written into a new or empty folder</source>
        <translation>文件夹不是空的；帧只写入新的或空的文件夹</translation>
    </message>
    <message>
        <source>the folder to write into does not exist</source>
        <translation>要写入的文件夹不存在</translation>
    </message>
    <message>
        <source>the geometry is for a {geometry_input_hw} input and {geometry_kernel_hw} kernel, not {h_w} and {kh_kw}</source>
        <translation>这个几何属于 {geometry_input_hw} 的输入和 {geometry_kernel_hw} 的卷积核，而不是 {h_w} 和 {kh_kw}</translation>
    </message>
    <message>
        <source>the image has more than {max_image_pixels:,} pixels, the most convviz decodes</source>
        <translation>图片超过 {max_image_pixels:,} 像素，这是 convviz 能解码的上限</translation>
    </message>
    <message>
        <source>the image is {w}×{h} pixels: there is nothing in it</source>
        <translation>图片是 {w}×{h} 像素：里面什么也没有</translation>
    </message>
    <message>
        <source>the image is {w}×{h} pixels; convviz decodes at most {max_image_pixels:,} pixels</source>
        <translation>图片是 {w}×{h} 像素；convviz 最多解码 {max_image_pixels:,} 像素</translation>
    </message>
    <message>
        <source>the image&apos;s header is damaged: {exc}</source>
        <translation>图片的文件头已损坏：{exc}</translation>
    </message>
    <message>
        <source>the language must be one of {languages}, got {lang!r}</source>
        <translation>语言必须是 {languages} 之一，得到 {lang!r}</translation>
    </message>
    <message>
        <source>the padded input would be {padded_size} = {padded_h_padded_w:,} cells per channel; convviz handles at most {max_padded_cells:,}</source>
        <translation>填充后的输入会是 {padded_size} = 每个通道 {padded_h_padded_w:,} 个格子；convviz 最多处理 {max_padded_cells:,} 个</translation>
    </message>
    <message>
        <source>the parameters give no feature map to match: {exc}</source>
        <translation>这些参数给不出可以对应的特征图：{exc}</translation>
    </message>
    <message>
        <source>the picture {image_name} is missing from {image_parent_name}/</source>
        <translation>图片 {image_name} 不在 {image_parent_name}/ 中</translation>
    </message>
    <message>
        <source>the preset has {n_fitted} kernels, but groups = {groups} must divide the number of kernels</source>
        <translation>预设有 {n_fitted} 个卷积核，但分组 = {groups} 必须整除卷积核数</translation>
    </message>
    <message>
        <source>the preset {preset_kernel_name!r} has {c} channels but the kernels here have {channels}; raise the input&apos;s channel count C until each kernel has {c}, or pick a preset with {channels}</source>
        <translation>预设 {preset_kernel_name!r} 有 {c} 个通道，但这里的卷积核有 {channels} 个；请增加输入的通道数 C，直到每个卷积核有 {c} 个通道，或者选一个 {channels} 通道的预设</translation>
    </message>
    <message>
        <source>the preset {preset_kernel_name!r} has {c} channels, which can&apos;t repeat evenly over {channels}; put it on one channel instead</source>
        <translation>预设 {preset_kernel_name!r} 有 {c} 个通道，无法均匀地重复到 {channels} 个通道上；请把它放在一个通道上</translation>
    </message>
    <message>
        <source>the scatter steps a transposed convolution; {scene_name_or_this_scene} is op &quot;conv&quot;</source>
        <translation>散布是逐步计算转置卷积的方式；{scene_name_or_this_scene} 是 op &quot;conv&quot;</translation>
    </message>
    <message>
        <source>the scene has</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>the transposed convolution would span {fh}×{fw} = {fh_fw:,} cells per channel; convviz handles at most {max_padded_cells:,}</source>
        <translation>转置卷积会在每个通道上跨越 {fh}×{fw} = {fh_fw:,} 个格子；convviz 最多处理 {max_padded_cells:,} 个</translation>
    </message>
    <message>
        <source>the unfolded input U would be [{c_kh_kw}, {oh_ow}] = {values:,} numbers; at most {max_unfold_values:,} are unfolded</source>
        <translation>展开后的输入 U 会是 [{c_kh_kw}, {oh_ow}] = {values:,} 个数；最多展开 {max_unfold_values:,} 个</translation>
    </message>
    <message>
        <source>theme {theme!r}: choose one of {th_themes}</source>
        <translation>主题 {theme!r}：请从 {th_themes} 中选择</translation>
    </message>
    <message>
        <source>there is no kernel {kernel_1}; the scene has {n_kernels}</source>
        <translation>没有卷积核 {kernel_1}；场景有 {n_kernels} 个</translation>
    </message>
    <message>
        <source>there must be at least one kernel (K ≥ 1)</source>
        <translation>至少要有一个卷积核（K ≥ 1）</translation>
    </message>
    <message>
        <source>this is not a readable image: the file is damaged, empty or not an image</source>
        <translation>这不是可读的图片：文件已损坏、为空或者不是图片</translation>
    </message>
    <message>
        <source>type a number</source>
        <translation>请输入一个数</translation>
    </message>
    <message>
        <source>unknown format version {version}</source>
        <translation>未知的格式版本 {version}</translation>
    </message>
    <message>
        <source>unknown kind of weights file {suffix_or_no_suffix!r}; use {weight_suffixes}</source>
        <translation>未知的权重文件类型 {suffix_or_no_suffix!r}；请使用 {weight_suffixes}</translation>
    </message>
    <message>
        <source>unknown language &quot;{code}&quot;; convviz speaks {languages}</source>
        <translation>未知的语言 &quot;{code}&quot;；convviz 支持 {languages}</translation>
    </message>
    <message>
        <source>unknown parameter: {exc}</source>
        <translation>未知的参数：{exc}</translation>
    </message>
    <message>
        <source>values must be finite numbers</source>
        <translation>数值必须是有限数</translation>
    </message>
    <message>
        <source>view {view!r}: choose scatter or direct</source>
        <translation>视图 {view!r}：请选择 scatter 或 direct</translation>
    </message>
    <message>
        <source>weight files</source>
        <translation>权重文件</translation>
    </message>
    <message>
        <source>wrt {wrt!r}: a parameter gradient is of the weight or the bias</source>
        <translation>wrt {wrt!r}: 参数的梯度是对权重（weight）或偏置（bias）求的</translation>
    </message>
    <message>
        <source>x must be (H, W, C) (or (H, W)) in the seed layout, got {x_shape}; for PyTorch&apos;s [C,H,W] pass layout=&apos;torch&apos;</source>
        <translation>x 在种子布局中必须是 (H, W, C)（或 (H, W)），得到 {x_shape}；PyTorch 的 [C,H,W] 请传 layout=&apos;torch&apos;</translation>
    </message>
    <message>
        <source>x must be [C,H,W] (or [1,C,H,W], or [H,W]) with layout=&apos;torch&apos;, got {x_shape}</source>
        <translation>使用 layout=&apos;torch&apos; 时 x 必须是 [C,H,W]（或 [1,C,H,W]、[H,W]），得到 {x_shape}</translation>
    </message>
    <message>
        <source>{args_output}: unknown kind of image {value1!r}; use .png or .jpg</source>
        <translation>{args_output}: 未知的图片类型 {value1!r}；请使用 .png 或 .jpg</translation>
    </message>
    <message>
        <source>{argument}: {exc}</source>
        <translation>{argument}: {exc}</translation>
    </message>
    <message>
        <source>{cost_describe}; downsize it first</source>
        <translation>{cost_describe}；请先缩小它</translation>
    </message>
    <message>
        <source>{json_path}: the name says {format_names_kind} but the format is {format_names_chosen}</source>
        <translation>{json_path}: 文件名表示 {format_names_kind}，但格式是 {format_names_chosen}</translation>
    </message>
    <message>
        <source>{name} holds {arr_bad} at index {bad_list}; only finite numbers are allowed</source>
        <translation>{name} 在位置 {bad_list} 含有 {arr_bad}；只允许有限数</translation>
    </message>
    <message>
        <source>{name} must be a whole number, got {value!r}</source>
        <translation>{name} 必须是整数，得到 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be a {ndim}-D array of numbers {layout}: {exc}</source>
        <translation>{name} 必须是{ndim}维数值数组 {layout}：{exc}</translation>
    </message>
    <message>
        <source>{name} must be at most {max_parameter:,}, got {shown}</source>
        <translation>{name} 最多为 {max_parameter:,}，得到 {shown}</translation>
    </message>
    <message>
        <source>{name} must be between {low} and {limits_name}, got {value}</source>
        <translation>{name} 必须在 {low} 到 {limits_name} 之间，得到 {value}</translation>
    </message>
    <message>
        <source>{name} must be one number or a pair (h, w), got {n_items} numbers</source>
        <translation>{name} 必须是一个数或一对数 (h, w)，得到 {n_items} 个数</translation>
    </message>
    <message>
        <source>{name} must be {ndim}-D {layout}, got shape {arr_shape_tuple}</source>
        <translation>{name} 必须是{ndim}维的 {layout}，得到的形状是 {arr_shape_tuple}</translation>
    </message>
    <message>
        <source>{name} must be ≥ {minimum}, got {shown}</source>
        <translation>{name} 必须 ≥ {minimum}，得到 {shown}</translation>
    </message>
    <message>
        <source>{name} must hold numbers, got values of type {raw_dtype}</source>
        <translation>{name} 必须存放数，得到的值类型是 {raw_dtype}</translation>
    </message>
    <message>
        <source>{name} {value} is outside the steps: the animation has steps 0..{last} at level {level}</source>
        <translation>{name} {value} 超出了步骤范围：动画的步骤是 0..{last}（细节程度 {level}）</translation>
    </message>
    <message>
        <source>{name} {value} is outside the steps: {what} steps 0..{last} at level {level}</source>
        <translation>{name} {value} 超出了步骤范围：{what}的步骤是 0..{last}（细节程度 {level}）</translation>
    </message>
    <message>
        <source>{steps} steps at {w}×{h} are too many for a {kind} (it would hold {gib:.1f} GiB of frames); export an MP4, or fewer steps with --from/--to, --kernel or --level cell</source>
        <translation>{w}×{h} 的 {steps} 个步骤对 {kind} 来说太多了（需要在内存中保存 {gib:.1f} GiB 的帧）；请导出 MP4，或用 --from/--to、--kernel（只选一个卷积核）或 --level cell 导出更少的步骤</translation>
    </message>
    <message>
        <source>{text}: a .png name is ambiguous; use .apng for an animated PNG, a folder (frames/) for numbered PNG frames, or `convviz render` for one image</source>
        <translation>{text}: .png 文件名有歧义；动画 PNG 请用 .apng，编号的 PNG 帧请用文件夹（frames/），单张图片请用 `convviz render`</translation>
    </message>
    <message>
        <source>{text}: unknown kind of output {suffix!r}; use .mp4, .gif, .apng or a folder/ for PNG frames</source>
        <translation>{text}: 未知的输出类型 {suffix!r}；请使用 .mp4、.gif、.apng，或用 文件夹/ 保存 PNG 帧</translation>
    </message>
    <message>
        <source>{value1} is not an image type convviz opens; use PNG, JPEG or BMP</source>
        <translation>{value1} 不是 convviz 能打开的图片类型；请使用 PNG、JPEG 或 BMP</translation>
    </message>
    <message>
        <source>{value_shown} is not a finite number</source>
        <translation>{value_shown} 不是有限数</translation>
    </message>
    <message>
        <source>{value_shown} is not a number</source>
        <translation>{value_shown} 不是数</translation>
    </message>
    <message>
        <source>{value_shown} is too large</source>
        <translation>{value_shown} 太大</translation>
    </message>
    <message>
        <source>{what} is a tensor on {device}; move it to the CPU first ({what}.cpu())</source>
        <translation>{what} 是位于 {device} 上的张量；请先把它移到 CPU（{what}.cpu()）</translation>
    </message>
    <message>
        <source>{what} must be an array of numbers: {exc}</source>
        <translation>{what} 必须是数值数组：{exc}</translation>
    </message>
    <message>
        <source>{what} must be {ndim}-D, got shape {arr_shape}</source>
        <translation>{what} 必须是 {ndim} 维的，得到的形状是 {arr_shape}</translation>
    </message>
    <message>
        <source>{what} must hold finite numbers only</source>
        <translation>{what} 必须只含有限数</translation>
    </message>
    <message>
        <source>{what} must hold finite numbers only (no nan or inf)</source>
        <translation>{what} 必须只含有限数（不能有 nan 或 inf）</translation>
    </message>
    <message>
        <source>{what} must not be empty, got shape {arr_shape}</source>
        <translation>{what} 不能为空，得到的形状是 {arr_shape}</translation>
    </message>
    <message>
        <source>{what} shows a forward convolution (op &quot;conv&quot;); {scene_name_or_this_scene} is transposed</source>
        <translation>{what} 显示的是前向卷积（op &quot;conv&quot;）；{scene_name_or_this_scene} 是转置卷积</translation>
    </message>
    <message>
        <source>“{text}” is not a number</source>
        <translation>“{text}” 不是数</translation>
    </message>
    <message>
        <source>“{text}” is too large</source>
        <translation>“{text}” 太大了</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Can&apos;t open scene</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>The default scene stays open.</source>
        <translation>默认场景保持打开。</translation>
    </message>
</context>
<context>
    <name>BackwardMode</name>
    <message>
        <source>&amp;Backward Pass: step dX, dW or db</source>
        <translation>反向传播(&amp;B)：逐步计算 dX、dW 或 db</translation>
    </message>
    <message>
        <source>All ones</source>
        <translation>全为 1</translation>
    </message>
    <message>
        <source>One-hot: click a dY cell</source>
        <translation>独热：点击 dY 的一个格子</translation>
    </message>
    <message>
        <source>Random integers</source>
        <translation>随机整数</translation>
    </message>
    <message>
        <source>Result to step</source>
        <translation>要逐步计算的结果</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>逐步计算</translation>
    </message>
    <message>
        <source>Upstream gradient dY:</source>
        <translation>上游梯度 dY：</translation>
    </message>
    <message>
        <source>Where does one output&apos;s gradient go? Click a cell of dY: it becomes 1, the rest 0</source>
        <translation>一个输出的梯度流向哪里？点击 dY 的一个格子：它变为 1，其余为 0</translation>
    </message>
    <message>
        <source>dW: the weights&apos; gradient</source>
        <translation>dW：权重的梯度</translation>
    </message>
    <message>
        <source>dX: the input&apos;s gradient</source>
        <translation>dX：输入的梯度</translation>
    </message>
    <message>
        <source>dY = 1 everywhere: the gradient of the sum of every feature map</source>
        <translation>dY 处处为 1：所有特征图之和的梯度</translation>
    </message>
    <message>
        <source>dY of small random integers, −2 to 2</source>
        <translation>dY 取小的随机整数，−2 到 2</translation>
    </message>
    <message>
        <source>dY of {kernel}</source>
        <translation>{kernel} 的 dY</translation>
    </message>
    <message>
        <source>dY: all ones</source>
        <translation>dY：全为 1</translation>
    </message>
    <message>
        <source>dY: one-hot at ({row}, {col}) of {kernel}</source>
        <translation>dY：{kernel} 在 ({row}, {col}) 处的独热</translation>
    </message>
    <message>
        <source>dY: random integers</source>
        <translation>dY：随机整数</translation>
    </message>
    <message>
        <source>db: the biases&apos; gradient</source>
        <translation>db：偏置的梯度</translation>
    </message>
</context>
<context>
    <name>CodeActions</name>
    <message>
        <source>&amp;NumPy only</source>
        <translation>仅 &amp;NumPy</translation>
    </message>
    <message>
        <source>&amp;PyTorch (torch.nn.functional)</source>
        <translation>&amp;PyTorch（torch.nn.functional）</translation>
    </message>
    <message>
        <source>Copied a NumPy script; it prints what `convviz compute` prints for this scene</source>
        <translation>已复制 NumPy 脚本；它打印的内容与这个场景的 `convviz compute` 相同</translation>
    </message>
    <message>
        <source>Copied a PyTorch script; it prints what `convviz compute` prints for this scene</source>
        <translation>已复制 PyTorch 脚本；它打印的内容与这个场景的 `convviz compute` 相同</translation>
    </message>
    <message>
        <source>Copy a standalone script that rebuilds this scene and prints its feature maps</source>
        <translation>复制一个独立脚本，它重建这个场景并打印场景的特征图</translation>
    </message>
    <message>
        <source>Copy as &amp;Code</source>
        <translation>复制为代码(&amp;C)</translation>
    </message>
    <message>
        <source>Nothing copied: the scene can&apos;t be computed: {error}</source>
        <translation>没有复制：场景无法计算：{error}</translation>
    </message>
</context>
<context>
    <name>ColorLegend</name>
    <message>
        <source>Colour scale of the feature maps: blue is negative, red positive, white zero. The numbers in the cells carry the values; the colour only helps to see patterns.</source>
        <translation>特征图的色标：蓝色为负，红色为正，白色为零。格子里的数字给出数值；颜色只帮助看出规律。</translation>
    </message>
</context>
<context>
    <name>DocumentFiles</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Can&apos;t open scene</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>Can&apos;t save scene</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>Nothing was changed on disk.</source>
        <translation>磁盘上没有任何改动。</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open scene</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save scene as</source>
        <translation>场景另存为</translation>
    </message>
    <message>
        <source>Save them before going on?</source>
        <translation>继续之前要保存吗？</translation>
    </message>
    <message>
        <source>The current scene stays as it was.</source>
        <translation>当前场景保持不变。</translation>
    </message>
    <message>
        <source>This is a kernel preset</source>
        <translation>这是一个卷积核预设</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>convviz scenes (*.json);;All files (*)</source>
        <translation>convviz 场景 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{file} holds kernels but no input, so it is a kernel preset, not a scene. Apply it to a kernel from the Presets panel.</source>
        <translation>{file} 只有卷积核而没有输入，所以它是卷积核预设，不是场景。请在预设面板中把它应用到一个卷积核上。</translation>
    </message>
    <message>
        <source>{path}: no such file.</source>
        <translation>{path}：没有这个文件。</translation>
    </message>
    <message>
        <source>“{name}” has changes that are not saved.</source>
        <translation>“{name}”有尚未保存的更改。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>&amp;Presentation</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>As View → Reveal in the window: feature-map cells appear as they are computed</source>
        <translation>与窗口中的 视图 → 逐步显示 相同：特征图的格子在算出时才出现</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Copied the frame ({W}×{H}) to the clipboard</source>
        <translation>已把画面（{W}×{H}）复制到剪贴板</translation>
    </message>
    <message>
        <source>Copy &amp;Frame</source>
        <translation>复制画面(&amp;F)</translation>
    </message>
    <message>
        <source>Copy the current frame to the clipboard as an image</source>
        <translation>把当前画面作为图片复制到剪贴板</translation>
    </message>
    <message>
        <source>Couldn&apos;t export the image: {error}</source>
        <translation>无法导出图片：{error}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export &amp;Animation…</source>
        <translation>导出动画(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;Image…</source>
        <translation>导出图片(&amp;I)…</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Export the animation as MP4, GIF, animated PNG or PNG frames</source>
        <translation>把动画导出为 MP4、GIF、动画 PNG 或 PNG 帧</translation>
    </message>
    <message>
        <source>Exported {file} ({frames} frames, {seconds} s)</source>
        <translation>已导出 {file}（{frames} 帧，{seconds} 秒）</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Exporting {steps} steps to {file}…</source>
        <translation>正在把 {steps} 步导出到 {file}…</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Frame size in pixels; type another as WIDTH×HEIGHT</source>
        <translation>画面尺寸（像素）；可按 宽×高 输入其他尺寸</translation>
    </message>
    <message>
        <source>From step</source>
        <translation>起始步骤</translation>
    </message>
    <message>
        <source>Hold the last step</source>
        <translation>最后一步停留</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Presentation &amp;options</source>
        <translation>演示选项(&amp;O)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 图形 (*.svg)</translation>
    </message>
    <message>
        <source>Save the current frame as PNG or SVG</source>
        <translation>把当前画面保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Show only the recording frame and a playback bar</source>
        <translation>只显示录制画面和播放栏</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>This scene&apos;s convolution is impossible: there is nothing to export.</source>
        <translation>这个场景的卷积无法计算：没有可导出的内容。</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>正在写入文件…</translation>
    </message>
    <message>
        <source>all kernels</source>
        <translation>所有卷积核</translation>
    </message>
    <message>
        <source>all steps</source>
        <translation>所有步骤</translation>
    </message>
    <message>
        <source>blank the cells not computed yet (reveal)</source>
        <translation>尚未计算的格子留空（逐步显示）</translation>
    </message>
    <message>
        <source>each feature map on its own colour scale</source>
        <translation>每张特征图使用各自的色标</translation>
    </message>
    <message>
        <source>the scene&apos;s name</source>
        <translation>场景的名称</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>{steps} steps, {seconds} s of animation</source>
        <translation>{steps} 步，动画 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>FrameRenderer</name>
    <message>
        <source> · output padding {rows}×{cols}</source>
        <translation> · 输出填充 {rows}×{cols}</translation>
    </message>
    <message>
        <source>dilation {rows}×{cols}</source>
        <translation>膨胀 {rows}×{cols}</translation>
    </message>
    <message>
        <source>groups {groups}</source>
        <translation>分组 {groups}</translation>
    </message>
    <message>
        <source>padding {size} ({mode})</source>
        <translation>填充 {size}（{mode}）</translation>
    </message>
    <message>
        <source>stride {rows}×{cols}</source>
        <translation>步长 {rows}×{cols}</translation>
    </message>
    <message>
        <source>transposed (scatter)</source>
        <translation>转置卷积（散布）</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>GradOutput</name>
    <message>
        <source>Edit dY of {grid}</source>
        <translation>编辑 {grid} 的 dY</translation>
    </message>
    <message>
        <source>{h}×{w} values don&apos;t fit in dY&apos;s {rows}×{cols}</source>
        <translation>{h}×{w} 个数值放不进 dY 的 {rows}×{cols}</translation>
    </message>
</context>
<context>
    <name>GridBlockEdits</name>
    <message>
        <source>Can&apos;t fill: {error}.</source>
        <translation>无法填入：{error}。</translation>
    </message>
    <message>
        <source>Can&apos;t paste {h}×{w} values at row {r}, column {c}: only {left_h}×{left_w} cells are left in this {rows}×{cols} grid. Nothing was changed.</source>
        <translation>无法在第 {r} 行、第 {c} 列粘贴 {h}×{w} 个数值：这个 {rows}×{cols} 的网格只剩 {left_h}×{left_w} 个格子。没有做任何更改。</translation>
    </message>
    <message>
        <source>Can&apos;t paste: {error}.</source>
        <translation>无法粘贴：{error}。</translation>
    </message>
    <message>
        <source>Can&apos;t randomize: {error}. Give two whole numbers, e.g. -2 2.</source>
        <translation>无法随机填入：{error}。请给出两个整数，例如 -2 2。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清零</translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation>清零格子</translation>
    </message>
    <message>
        <source>Copied as tab-separated values</source>
        <translation>已复制为制表符分隔的数值</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填入</translation>
    </message>
    <message>
        <source>Fill every cell with:</source>
        <translation>每个格子填入：</translation>
    </message>
    <message>
        <source>Fill with {value}</source>
        <translation>填入 {value}</translation>
    </message>
    <message>
        <source>Fill with…</source>
        <translation>填入…</translation>
    </message>
    <message>
        <source>Flip horizontally</source>
        <translation>水平翻转</translation>
    </message>
    <message>
        <source>Flip left–right</source>
        <translation>左右翻转</translation>
    </message>
    <message>
        <source>Flip top–bottom</source>
        <translation>上下翻转</translation>
    </message>
    <message>
        <source>Flip vertically</source>
        <translation>垂直翻转</translation>
    </message>
    <message>
        <source>Only square grids can be transposed in place</source>
        <translation>只有正方形网格才能原地转置</translation>
    </message>
    <message>
        <source>Only square grids can be transposed in place.</source>
        <translation>只有正方形网格才能原地转置。</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Paste {h}×{w} values</source>
        <translation>粘贴 {h}×{w} 个数值</translation>
    </message>
    <message>
        <source>Random whole numbers from … to … (e.g. -2 2):</source>
        <translation>随机整数，从 … 到 …（例如 -2 2）：</translation>
    </message>
    <message>
        <source>Randomize</source>
        <translation>随机填入</translation>
    </message>
    <message>
        <source>Randomize ({low} to {high})</source>
        <translation>随机填入（{low} 到 {high}）</translation>
    </message>
    <message>
        <source>Randomize…</source>
        <translation>随机填入…</translation>
    </message>
    <message>
        <source>The clipboard holds no text to paste.</source>
        <translation>剪贴板里没有可粘贴的文本。</translation>
    </message>
    <message>
        <source>Transpose</source>
        <translation>转置</translation>
    </message>
    <message>
        <source>the first number must not be larger than the second</source>
        <translation>第一个数不能大于第二个数</translation>
    </message>
</context>
<context>
    <name>GridTyping</name>
    <message>
        <source>{error}. Type a number such as 3, −1 or 0.5; Esc keeps the old value.</source>
        <translation>{error}。请输入一个数，例如 3、−1 或 0.5；按 Esc 保留原值。</translation>
    </message>
</context>
<context>
    <name>ImageActions</name>
    <message>
        <source> px per side</source>
        <translation> 像素/边</translation>
    </message>
    <message>
        <source>&amp;Auto (images above 32 per side)</source>
        <translation>自动（每边超过 32 时显示为图像）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Numbers</source>
        <translation>数字(&amp;N)</translation>
    </message>
    <message>
        <source>0 to 1</source>
        <translation>0 到 1</translation>
    </message>
    <message>
        <source>0 to 255</source>
        <translation>0 到 255</translation>
    </message>
    <message>
        <source>A PNG, JPEG or BMP file</source>
        <translation>PNG、JPEG 或 BMP 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Can&apos;t open image</source>
        <translation>无法打开图片</translation>
    </message>
    <message>
        <source>Channels:</source>
        <translation>通道：</translation>
    </message>
    <message>
        <source>Downsize first</source>
        <translation>先缩小</translation>
    </message>
    <message>
        <source>Downsize input to at most {side}×{side}</source>
        <translation>把输入缩小到至多 {side}×{side}</translation>
    </message>
    <message>
        <source>Downsize the input to at most this many pixels per side:</source>
        <translation>把输入缩小到每边至多这么多像素：</translation>
    </message>
    <message>
        <source>Downsize to at most</source>
        <translation>缩小到至多</translation>
    </message>
    <message>
        <source>Each new pixel is the average of the area it covers</source>
        <translation>每个新像素是它覆盖区域的平均值</translation>
    </message>
    <message>
        <source>Grayscale, 1 channel (0.299 R + 0.587 G + 0.114 B)</source>
        <translation>灰度，1 个通道（0.299 R + 0.587 G + 0.114 B）</translation>
    </message>
    <message>
        <source>Image &amp;mode</source>
        <translation>图像模式(&amp;M)</translation>
    </message>
    <message>
        <source>Image file:</source>
        <translation>图片文件：</translation>
    </message>
    <message>
        <source>Input [H,W,C] = [{H},{W},{C}], with a sharpen and a blur kernel.</source>
        <translation>输入 [H,W,C] = [{H},{W},{C}]，配一个锐化卷积核和一个模糊卷积核。</translation>
    </message>
    <message>
        <source>Open &amp;Image…</source>
        <translation>打开图片(&amp;I)…</translation>
    </message>
    <message>
        <source>Open a PNG, JPEG or BMP image as the input</source>
        <translation>打开一张 PNG、JPEG 或 BMP 图片作为输入</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <source>RGB, 3 channels</source>
        <translation>RGB，3 个通道</translation>
    </message>
    <message>
        <source>Reading {file} ({W}×{H} pixels)…</source>
        <translation>正在读取 {file}（{W}×{H} 像素）…</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>The current scene stays as it was.</source>
        <translation>当前场景保持不变。</translation>
    </message>
    <message>
        <source>The feature maps are not computed: {cost}.</source>
        <translation>未计算特征图：{cost}。</translation>
    </message>
    <message>
        <source>Too large: {cost}. Downsize it.</source>
        <translation>太大：{cost}。请缩小。</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>数值：</translation>
    </message>
    <message>
        <source>{W}×{H} pixels</source>
        <translation>{W}×{H} 像素</translation>
    </message>
</context>
<context>
    <name>ImageChannelView</name>
    <message>
        <source>Scroll to zoom, drag to pan, double-click to see the whole image. To edit values, switch to numbers: View → Image mode → Numbers.</source>
        <translation>滚动缩放，拖动平移，双击查看整张图片。要编辑数值，请切换到数字：视图 → 图片模式 → 数字。</translation>
    </message>
    <message>
        <source>padding ({mode}) · row {row}, col {col} = 0</source>
        <translation>填充（{mode}）· 行 {row}，列 {col} = 0</translation>
    </message>
    <message>
        <source>padding ({mode}) · row {row}, col {col} copies row {source_row}, col {source_col} = {value}</source>
        <translation>填充（{mode}）· 行 {row}，列 {col} 复制行 {source_row}，列 {source_col} = {value}</translation>
    </message>
    <message>
        <source>row {row}, col {col} = {value}</source>
        <translation>行 {row}，列 {col} = {value}</translation>
    </message>
</context>
<context>
    <name>InputPanel</name>
    <message>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <source>C: channels of the input (a colour image has 3)</source>
        <translation>C：输入的通道数（彩色图片有 3 个）</translation>
    </message>
    <message>
        <source>Grey: {parts} of the input are never read; the stride steps past them.</source>
        <translation>灰色：输入的{parts}从未被读取；步长跨过了它们。</translation>
    </message>
    <message>
        <source>H: rows of the input</source>
        <translation>H：输入的行数</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>W: columns of the input</source>
        <translation>W：输入的列数</translation>
    </message>
    <message>
        <source>columns {list}</source>
        <translation>第 {list} 列</translation>
    </message>
    <message>
        <source>input channel {n}</source>
        <translation>输入通道 {n}</translation>
    </message>
    <message>
        <source>rows {list}</source>
        <translation>第 {list} 行</translation>
    </message>
</context>
<context>
    <name>KernelImport</name>
    <message>
        <source> A scene holds at most {most} kernels.</source>
        <translation> 一个场景最多有 {most} 个卷积核。</translation>
    </message>
    <message>
        <source> Tick at least one filter.</source>
        <translation> 请至少勾选一个卷积核。</translation>
    </message>
    <message>
        <source> convviz shows kernels up to {kh}×{kw} with {c} channels.</source>
        <translation> convviz 显示的卷积核最大为 {kh}×{kw}，{c} 个通道。</translation>
    </message>
    <message>
        <source>&amp;Apply to Scene</source>
        <translation>应用到场景(&amp;A)</translation>
    </message>
    <message>
        <source>Apply trained conv filters [K,C,kh,kw] from a .npy, .npz, .safetensors or .pt file</source>
        <translation>从 .npy、.npz、.safetensors 或 .pt 文件应用训练好的卷积核 [K,C,kh,kw]</translation>
    </message>
    <message>
        <source>Can&apos;t import kernels</source>
        <translation>无法导入卷积核</translation>
    </message>
    <message>
        <source>Conv weights [K,C,kh,kw]:</source>
        <translation>卷积权重 [K,C,kh,kw]：</translation>
    </message>
    <message>
        <source>Import &amp;Kernels…</source>
        <translation>导入卷积核(&amp;K)…</translation>
    </message>
    <message>
        <source>Import Kernels</source>
        <translation>导入卷积核</translation>
    </message>
    <message>
        <source>Import Kernels — {file}</source>
        <translation>导入卷积核 — {file}</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Tick &amp;all</source>
        <translation>全部勾选(&amp;A)</translation>
    </message>
    <message>
        <source>Tick &amp;none</source>
        <translation>全部取消(&amp;N)</translation>
    </message>
    <message>
        <source>biases from {tensor}</source>
        <translation>偏置取自 {tensor}</translation>
    </message>
    <message>
        <source>filter {k}: {shape}</source>
        <translation>卷积核 {k}：{shape}</translation>
    </message>
    <message>
        <source>no bias in the file: biases 0</source>
        <translation>文件中没有偏置：偏置为 0</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{file}: no 4-D tensor (conv weights [K,C,kh,kw]); tensors: {tensors}</source>
        <translation>{file}：没有四维张量（卷积权重 [K,C,kh,kw]）；张量有：{tensors}</translation>
    </message>
    <message>
        <source>{n} of {K} filters ticked, each {kh}×{kw} with {C} channel(s); {biases}.</source>
        <translation>已勾选 {n} / {K} 个卷积核，每个 {kh}×{kw}，{C} 个通道；{biases}。</translation>
    </message>
</context>
<context>
    <name>KernelPanel</name>
    <message>
        <source>+ Kernel</source>
        <translation>+ 卷积核</translation>
    </message>
    <message>
        <source>Add a kernel of zeros (one more feature map)</source>
        <translation>添加一个全零的卷积核（多一张特征图）</translation>
    </message>
    <message>
        <source>All kernels</source>
        <translation>全部卷积核</translation>
    </message>
    <message>
        <source>Duplicate this kernel</source>
        <translation>复制这个卷积核</translation>
    </message>
    <message>
        <source>K: number of kernels; each gives one feature map</source>
        <translation>K：卷积核的个数；每个卷积核给出一张特征图</translation>
    </message>
    <message>
        <source>Kernel shown</source>
        <translation>显示的卷积核</translation>
    </message>
    <message>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>Move this kernel down</source>
        <translation>下移这个卷积核</translation>
    </message>
    <message>
        <source>Move this kernel up</source>
        <translation>上移这个卷积核</translation>
    </message>
    <message>
        <source>Remove this kernel</source>
        <translation>删除这个卷积核</translation>
    </message>
    <message>
        <source>Show 1 grid</source>
        <translation>显示 1 个网格</translation>
    </message>
    <message>
        <source>Show all kernels</source>
        <translation>显示全部卷积核</translation>
    </message>
    <message>
        <source>Show every kernel&apos;s grids at once (smaller cells); off: one kernel at a time while the window is crowded</source>
        <translation>同时显示每个卷积核的网格（格子更小）；关闭：窗口放不下时一次显示一个卷积核</translation>
    </message>
    <message>
        <source>Show kernel {kernel}</source>
        <translation>显示卷积核 {kernel}</translation>
    </message>
    <message>
        <source>Show {kernel}&apos;s grids</source>
        <translation>显示 {kernel} 的网格</translation>
    </message>
    <message>
        <source>Show {n} grids</source>
        <translation>显示 {n} 个网格</translation>
    </message>
    <message>
        <source>The bias: added once to every value of this kernel&apos;s feature map</source>
        <translation>偏置：加到这个卷积核的特征图的每个值上一次</translation>
    </message>
    <message>
        <source>The kernel&apos;s name; press Enter to rename</source>
        <translation>卷积核的名称；按 Enter 重命名</translation>
    </message>
    <message>
        <source>The window is crowded: it shows one kernel&apos;s grids at a time. Pick the kernel to show; stepping into another kernel shows that one.</source>
        <translation>窗口放不下全部卷积核：一次只显示一个卷积核的网格。选择要显示的卷积核；步进到另一个卷积核时会显示那一个。</translation>
    </message>
    <message>
        <source>This kernel&apos;s weights are folded away: the scene has more grids than the window draws at once</source>
        <translation>这个卷积核的权重已折叠：场景中的网格多于窗口一次能画出的数量</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>bias of {kernel}</source>
        <translation>{kernel} 的偏置</translation>
    </message>
    <message>
        <source>kh: rows of every kernel</source>
        <translation>kh：每个卷积核的行数</translation>
    </message>
    <message>
        <source>kw: columns of every kernel</source>
        <translation>kw：每个卷积核的列数</translation>
    </message>
    <message>
        <source>{K} kernels × {c} channels are {grids} grids, more than the {most} drawn at once: {first}–{last} are folded; “Show grids” unfolds one.</source>
        <translation>{K} 个卷积核 × {c} 个通道共 {grids} 个网格，多于一次画出的 {most} 个：{first}–{last} 已折叠；“显示网格”可展开一个。</translation>
    </message>
    <message>
        <source>{kernel} channel {n}</source>
        <translation>{kernel} 通道 {n}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>convviz will speak {language} from the next start.</source>
        <translation>convviz 下次启动时将使用 {language}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About convviz</source>
        <translation>关于 convviz(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Last step</source>
        <translation>最后一步(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Next output cell</source>
        <translation>下一个输出格子(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>播放 / 暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Properties…</source>
        <translation>属性(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Reveal: blank the cells not computed yet</source>
        <translation>逐步显示：尚未计算的格子留空(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Slower</source>
        <translation>更慢(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>About convviz</source>
        <translation>关于 convviz</translation>
    </message>
    <message>
        <source>Add &amp;kernel</source>
        <translation>添加卷积核(&amp;K)</translation>
    </message>
    <message>
        <source>Backward pass on / off: step dX, dW or db</source>
        <translation>反向传播 开 / 关：逐步计算 dX、dW 或 db</translation>
    </message>
    <message>
        <source>Copy the current frame</source>
        <translation>复制当前画面</translation>
    </message>
    <message>
        <source>Describe the current step in a sentence</source>
        <translation>用一句话描述当前步骤</translation>
    </message>
    <message>
        <source>Each feature map on its &amp;own colour scale</source>
        <translation>每张特征图使用各自的色标(&amp;O)</translation>
    </message>
    <message>
        <source>Edit the scene&apos;s title and description</source>
        <translation>编辑场景的标题和说明</translation>
    </message>
    <message>
        <source>Export the animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>F&amp;aster</source>
        <translation>更快(&amp;A)</translation>
    </message>
    <message>
        <source>F&amp;irst step</source>
        <translation>第一步(&amp;I)</translation>
    </message>
    <message>
        <source>Feature maps / partial maps / im2col view</source>
        <translation>特征图 / 部分和图 / im2col 视图</translation>
    </message>
    <message>
        <source>First / last step</source>
        <translation>第一步 / 最后一步</translation>
    </message>
    <message>
        <source>In a grid: clear the selected cells</source>
        <translation>在网格中：清除选中的格子</translation>
    </message>
    <message>
        <source>In a grid: copy / paste a block</source>
        <translation>在网格中：复制 / 粘贴一块</translation>
    </message>
    <message>
        <source>In a grid: edit the current cell</source>
        <translation>在网格中：编辑当前格子</translation>
    </message>
    <message>
        <source>In a grid: type a number and move on</source>
        <translation>在网格中：输入数字并移到下一格</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Next &amp;kernel</source>
        <translation>下一个卷积核(&amp;K)</translation>
    </message>
    <message>
        <source>Off: each input cell scatters the kernel onto the output. On: the same numbers as a forward convolution with zeros inserted and the kernel flipped. Recordings follow this choice.</source>
        <translation>关：每个输入格子把卷积核散布到输出上。开：与前向卷积相同的数，插入零并翻转卷积核。录制也跟随这个选择。</translation>
    </message>
    <message>
        <source>Off: the maps share one scale, so their colours compare. On: each map spans its own range. Recordings follow this choice.</source>
        <translation>关闭：各特征图共用一个色标，颜色可以相互比较。打开：每张特征图按自己的范围着色。录制结果也遵循此选择。</translation>
    </message>
    <message>
        <source>Open an image as the input</source>
        <translation>打开一张图片作为输入</translation>
    </message>
    <message>
        <source>P&amp;revious output cell</source>
        <translation>上一个输出格子(&amp;R)</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Per &amp;cell</source>
        <translation>按格子(&amp;C)</translation>
    </message>
    <message>
        <source>Per &amp;multiply</source>
        <translation>按乘法(&amp;M)</translation>
    </message>
    <message>
        <source>Per c&amp;hannel</source>
        <translation>按通道(&amp;H)</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Presentation mode on / off</source>
        <translation>演示模式 开 / 关</translation>
    </message>
    <message>
        <source>Previous / next kernel</source>
        <translation>上一个 / 下一个卷积核</translation>
    </message>
    <message>
        <source>Previous / next output cell</source>
        <translation>上一个 / 下一个输出格子</translation>
    </message>
    <message>
        <source>Previous k&amp;ernel</source>
        <translation>上一个卷积核(&amp;E)</translation>
    </message>
    <message>
        <source>Restore autosave</source>
        <translation>恢复自动保存</translation>
    </message>
    <message>
        <source>See, step by step, how a convolution layer computes its feature maps. Semantics follow PyTorch&apos;s conv2d.</source>
        <translation>一步一步看卷积层如何计算它的特征图。语义与 PyTorch 的 conv2d 一致。</translation>
    </message>
    <message>
        <source>Show / hide the Presets panel</source>
        <translation>显示 / 隐藏预设面板</translation>
    </message>
    <message>
        <source>Slower / faster</source>
        <translation>更慢 / 更快</translation>
    </message>
    <message>
        <source>Step &amp;back</source>
        <translation>后退一步(&amp;B)</translation>
    </message>
    <message>
        <source>Step &amp;forward</source>
        <translation>前进一步(&amp;F)</translation>
    </message>
    <message>
        <source>Step back / forward</source>
        <translation>后退 / 前进一步</translation>
    </message>
    <message>
        <source>Transposed: equivalent &amp;direct convolution</source>
        <translation>转置卷积：等价的直接卷积(&amp;D)</translation>
    </message>
    <message>
        <source>Undo / redo</source>
        <translation>撤销 / 重做</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom in / out / fit</source>
        <translation>放大 / 缩小 / 适应窗口</translation>
    </message>
    <message>
        <source>{view} view</source>
        <translation>{view}视图</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <source>a bias is a single number</source>
        <translation>偏置只是一个数</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>bias of {kernel}</source>
        <translation>{kernel} 的偏置</translation>
    </message>
    <message>
        <source>feature map {n}</source>
        <translation>特征图 {n}</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>input channel {n}</source>
        <translation>输入通道 {n}</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>type a number to change it</source>
        <translation>输入数字即可修改</translation>
    </message>
    <message>
        <source>{grid}, row {row}, column {col}, value {value}</source>
        <translation>{grid}，行 {row}，列 {col}，值 {value}</translation>
    </message>
    <message>
        <source>{kernel} channel {n}</source>
        <translation>{kernel} 通道 {n}</translation>
    </message>
</context>
<context>
    <name>MenuId</name>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Scene</source>
        <translation>场景(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
</context>
<context>
    <name>OutputPanel</name>
    <message>
        <source> (but see above)</source>
        <translation>（但请看上方）</translation>
    </message>
    <message>
        <source> ≤ 0: no output</source>
        <translation> ≤ 0：没有输出</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Feature maps; the active kernel&apos;s partial maps P1 + P2 + … + b = Y; or im2col, the convolution as one matrix product W · U + b (View menu: Ctrl+1, 2, 3)</source>
        <translation>特征图；当前卷积核的部分和图 P1 + P2 + … + b = Y；或 im2col，把卷积写成一次矩阵乘法 W · U + b（视图菜单：Ctrl+1、2、3）</translation>
    </message>
    <message>
        <source>Output size: H input rows, p padding, d dilation, k kernel size, s stride; ⌊ ⌋ rounds down, so rows the stride can&apos;t reach are dropped</source>
        <translation>输出尺寸：H 为输入行数，p 为填充，d 为膨胀，k 为卷积核尺寸，s 为步长；⌊ ⌋ 表示向下取整，步长够不到的行被舍去</translation>
    </message>
    <message>
        <source>Partial maps</source>
        <translation>部分和图</translation>
    </message>
    <message>
        <source>Showing the last maps that could be computed, greyed.</source>
        <translation>以灰色显示最后一次能计算出的特征图。</translation>
    </message>
    <message>
        <source>im2col</source>
        <translation>im2col</translation>
    </message>
</context>
<context>
    <name>ParamBar</name>
    <message>
        <source>Dilation: spacing between the kernel&apos;s taps ({}); 2 leaves one cell between taps.</source>
        <translation>膨胀：卷积核各抽头之间的间距（{}）；2 表示抽头之间隔一个格子。</translation>
    </message>
    <message>
        <source>Groups: split the channels into groups; each kernel sees only its group&apos;s C / groups channels. groups = C is a depthwise convolution.</source>
        <translation>分组：把通道分成若干组；每个卷积核只看到本组的 C / 分组 个通道。分组 = C 即深度卷积。</translation>
    </message>
    <message>
        <source>Link the two {what} values: changing one sets both, as one undo step</source>
        <translation>关联两个{what}值：改一个即同时设定两个，作为一步撤销</translation>
    </message>
    <message>
        <source>Padding: &quot;custom&quot; takes the two numbers; &quot;same&quot;: as much as keeps the output the input&apos;s size (stride 1 only, the odd extra cell goes bottom/right as in PyTorch); &quot;valid&quot;: no padding</source>
        <translation>填充：“custom”使用这两个数字；“same”：填充到输出与输入同样大小（仅限步长 1，多出的一格放在下/右，与 PyTorch 相同）；“valid”：不填充</translation>
    </message>
    <message>
        <source>Padding: extra cells around the input ({}), so the window can also centre on the border.</source>
        <translation>填充：输入周围额外的格子（{}），使窗口也能以边缘为中心。</translation>
    </message>
    <message>
        <source>Set dilation to {value}</source>
        <translation>将膨胀设为 {value}</translation>
    </message>
    <message>
        <source>Set padding mode to {value}</source>
        <translation>将填充方式设为 {value}</translation>
    </message>
    <message>
        <source>Set padding to {value}</source>
        <translation>将填充设为 {value}</translation>
    </message>
    <message>
        <source>Set stride to {value}</source>
        <translation>将步长设为 {value}</translation>
    </message>
    <message>
        <source>Stride: how many cells the window moves per step ({}). Larger strides give smaller maps.</source>
        <translation>步长：窗口每一步移动的格数（{}）。步长越大，特征图越小。</translation>
    </message>
    <message>
        <source>What padding cells hold: zeros; reflect (mirror, edge not repeated); replicate (copy the edge); circular (wrap around)</source>
        <translation>填充格子的内容：zeros（零）；reflect（镜像，不重复边缘）；replicate（复制边缘）；circular（循环）</translation>
    </message>
    <message>
        <source>dilation</source>
        <translation>膨胀</translation>
    </message>
    <message>
        <source>down</source>
        <translation>向下</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>left and right</source>
        <translation>左右</translation>
    </message>
    <message>
        <source>link {what}</source>
        <translation>关联{what}</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>right</source>
        <translation>向右</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>top and bottom</source>
        <translation>上下</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>All positions of W0, then of W1, …</source>
        <translation>先是 W0 的所有位置，然后是 W1 的，…</translation>
    </message>
    <message>
        <source>Each channel&apos;s partial sum, then + bias, then the total: the seed&apos;s eq. (3)</source>
        <translation>每个通道的部分和，然后 + 偏置，然后是总和：原文的式 (3)</translation>
    </message>
    <message>
        <source>Each input cell scatters the kernel, scaled by its value, onto the output</source>
        <translation>每个输入格子把卷积核按自己的值缩放后散布到输出上</translation>
    </message>
    <message>
        <source>Every kernel at one position, then the next position</source>
        <translation>一个位置上的每个卷积核，然后下一个位置</translation>
    </message>
    <message>
        <source>Every product x·w, then + bias, then the total</source>
        <translation>每个乘积 x·w，然后 + 偏置，然后是总和</translation>
    </message>
    <message>
        <source>First step (Home)</source>
        <translation>第一步 (Home)</translation>
    </message>
    <message>
        <source>How the transposed convolution is stepped</source>
        <translation>转置卷积如何逐步计算</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>最后一步 (End)</translation>
    </message>
    <message>
        <source>Level of detail: how much one step does</source>
        <translation>细节程度：一步做多少</translation>
    </message>
    <message>
        <source>One step per output cell</source>
        <translation>每个输出格子一步</translation>
    </message>
    <message>
        <source>Order of the steps</source>
        <translation>步骤的顺序</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停 (Space)</translation>
    </message>
    <message>
        <source>Playback speed ([ slower, ] faster)</source>
        <translation>播放速度（[ 更慢，] 更快）</translation>
    </message>
    <message>
        <source>Show only the output cells computed so far</source>
        <translation>只显示已经计算出的输出格子</translation>
    </message>
    <message>
        <source>Start again after the last step</source>
        <translation>最后一步之后从头开始</translation>
    </message>
    <message>
        <source>Step back (←)</source>
        <translation>后退一步 (←)</translation>
    </message>
    <message>
        <source>Step forward (→)</source>
        <translation>前进一步 (→)</translation>
    </message>
    <message>
        <source>The same numbers as a forward convolution: zeros inserted, kernel flipped</source>
        <translation>与前向卷积相同的数：插入零、翻转卷积核</translation>
    </message>
    <message>
        <source>equivalent direct</source>
        <translation>等价的直接卷积</translation>
    </message>
    <message>
        <source>kernel by kernel</source>
        <translation>逐个卷积核</translation>
    </message>
    <message>
        <source>loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>no steps: the parameters give no output</source>
        <translation>没有步骤：这些参数没有输出</translation>
    </message>
    <message>
        <source>per cell</source>
        <translation>按格子</translation>
    </message>
    <message>
        <source>per channel</source>
        <translation>按通道</translation>
    </message>
    <message>
        <source>per multiply</source>
        <translation>按乘法</translation>
    </message>
    <message>
        <source>position by position</source>
        <translation>逐个位置</translation>
    </message>
    <message>
        <source>reveal</source>
        <translation>逐步显示</translation>
    </message>
    <message>
        <source>scatter</source>
        <translation>散布</translation>
    </message>
    <message>
        <source>{speed} steps/s</source>
        <translation>{speed} 步/秒</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>&amp;Caption…</source>
        <translation>标题(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Caption line (leave empty for the scene&apos;s name):</source>
        <translation>标题行（留空则使用场景名称）：</translation>
    </message>
    <message>
        <source>Leave presentation (Esc)</source>
        <translation>退出演示 (Esc)</translation>
    </message>
    <message>
        <source>Make the window&apos;s client area exactly {w}×{h} (hides the playback bar)</source>
        <translation>把窗口的内容区域设为正好 {w}×{h}（隐藏播放栏）</translation>
    </message>
    <message>
        <source>Presentation &amp;options</source>
        <translation>演示选项(&amp;O)</translation>
    </message>
    <message>
        <source>Presentation options</source>
        <translation>演示选项</translation>
    </message>
    <message>
        <source>Presentation options: theme, text size, caption, window size</source>
        <translation>演示选项：主题、文字大小、标题、窗口尺寸</translation>
    </message>
    <message>
        <source>Recording size {w}×{h}</source>
        <translation>录制尺寸 {w}×{h}</translation>
    </message>
    <message>
        <source>Show &amp;playback bar</source>
        <translation>显示播放栏(&amp;P)</translation>
    </message>
    <message>
        <source>Text size {percent} %</source>
        <translation>文字大小 {percent} %</translation>
    </message>
    <message>
        <source>no steps</source>
        <translation>没有步骤</translation>
    </message>
    <message>
        <source>{theme} theme</source>
        <translation>{theme}主题</translation>
    </message>
</context>
<context>
    <name>PresetDialogs</name>
    <message>
        <source>(the others get zeros)</source>
        <translation>（其余通道为零）</translation>
    </message>
    <message>
        <source>All {count} kernels</source>
        <translation>全部 {count} 个卷积核</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Fill the kernel&apos;s channels</source>
        <translation>填充卷积核的通道</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Only on</source>
        <translation>只放在</translation>
    </message>
    <message>
        <source>Only the selected kernel, {kernel}</source>
        <translation>只有选中的卷积核 {kernel}</translation>
    </message>
    <message>
        <source>Rename preset</source>
        <translation>重命名预设</translation>
    </message>
    <message>
        <source>Save kernel as preset</source>
        <translation>把卷积核保存为预设</translation>
    </message>
    <message>
        <source>The same weights on every channel</source>
        <translation>每个通道使用相同的权重</translation>
    </message>
    <message>
        <source>What it does, for whoever applies it</source>
        <translation>它的作用，写给使用它的人</translation>
    </message>
    <message>
        <source>You can stop this question in the Presets panel&apos;s ⋯ menu.</source>
        <translation>可以在预设面板的 ⋯ 菜单中关闭这个提问。</translation>
    </message>
    <message>
        <source>“{preset}” has fewer channels than {target} needs ({count}). Where should its weights go?</source>
        <translation>“{preset}”的通道少于 {target} 所需（{count} 个）。它的权重应放在哪里？</translation>
    </message>
</context>
<context>
    <name>PresetsPanel</name>
    <message>
        <source>&amp;Ask how to fill missing channels</source>
        <translation>询问如何填充缺少的通道(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>撤销删除(&amp;U)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Apply to all kernels</source>
        <translation>应用到所有卷积核</translation>
    </message>
    <message>
        <source>Apply to {kernel}</source>
        <translation>应用到 {kernel}</translation>
    </message>
    <message>
        <source>Can&apos;t create {folder}: {reason}</source>
        <translation>无法创建 {folder}：{reason}</translation>
    </message>
    <message>
        <source>Can&apos;t delete: {error}</source>
        <translation>无法删除：{error}</translation>
    </message>
    <message>
        <source>Can&apos;t load “{name}”: {error}</source>
        <translation>无法载入“{name}”：{error}</translation>
    </message>
    <message>
        <source>Can&apos;t rename: {error}</source>
        <translation>无法重命名：{error}</translation>
    </message>
    <message>
        <source>Can&apos;t restore “{name}”: {error}</source>
        <translation>无法恢复“{name}”：{error}</translation>
    </message>
    <message>
        <source>Can&apos;t save the preset: {error}</source>
        <translation>无法保存预设：{error}</translation>
    </message>
    <message>
        <source>Couldn&apos;t open a file manager; the presets are in {folder}</source>
        <translation>无法打开文件管理器；预设在 {folder} 中</translation>
    </message>
    <message>
        <source>Deleted {file}</source>
        <translation>已删除 {file}</translation>
    </message>
    <message>
        <source>Deleted “{name}”.</source>
        <translation>已删除“{name}”。</translation>
    </message>
    <message>
        <source>Kernel presets</source>
        <translation>卷积核预设</translation>
    </message>
    <message>
        <source>Load scene</source>
        <translation>载入场景</translation>
    </message>
    <message>
        <source>Loaded {name}</source>
        <translation>已载入 {name}</translation>
    </message>
    <message>
        <source>More preset commands</source>
        <translation>更多预设命令</translation>
    </message>
    <message>
        <source>More: rename, delete, reveal in file manager</source>
        <translation>更多：重命名、删除、在文件管理器中显示</translation>
    </message>
    <message>
        <source>My presets</source>
        <translation>我的预设</translation>
    </message>
    <message>
        <source>Nothing saved yet: select a kernel and press Save…</source>
        <translation>还没有保存任何预设：选中一个卷积核，然后按“保存…”</translation>
    </message>
    <message>
        <source>Open your preset folder in the file manager</source>
        <translation>在文件管理器中打开你的预设文件夹</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Put the deleted preset back</source>
        <translation>恢复删除的预设</translation>
    </message>
    <message>
        <source>Renamed to “{name}”</source>
        <translation>已重命名为“{name}”</translation>
    </message>
    <message>
        <source>Restored “{name}”</source>
        <translation>已恢复“{name}”</translation>
    </message>
    <message>
        <source>Reveal in File &amp;Manager</source>
        <translation>在文件管理器中显示(&amp;M)</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Samples need the image importer, which this copy of convviz doesn&apos;t have yet.</source>
        <translation>示例需要图片导入功能，这个 convviz 版本还没有。</translation>
    </message>
    <message>
        <source>Save Kernel as &amp;Preset…</source>
        <translation>把卷积核保存为预设(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the selected kernel (or all kernels) as a preset of your own</source>
        <translation>把选中的卷积核（或全部卷积核）保存为自己的预设</translation>
    </message>
    <message>
        <source>Save the selected kernel (or all kernels) with its bias as a preset of your own</source>
        <translation>把选中的卷积核（或全部卷积核）连同偏置保存为自己的预设</translation>
    </message>
    <message>
        <source>Save {kernel} (or all kernels) as a preset of your own</source>
        <translation>把 {kernel}（或全部卷积核）保存为自己的预设</translation>
    </message>
    <message>
        <source>Saved “{name}” as {file}</source>
        <translation>已将“{name}”保存为 {file}</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Show or hide the Presets panel</source>
        <translation>显示或隐藏预设面板</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>“{file}” can&apos;t be loaded: {problem}</source>
        <translation>无法载入“{file}”：{problem}</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source> ({number} of {count}; the others are offered next)</source>
        <translation>（第 {number} 个，共 {count} 个；其余的随后提供）</translation>
    </message>
    <message>
        <source> of {file}</source>
        <translation>（{file}）</translation>
    </message>
    <message>
        <source>Restore it? No deletes it.</source>
        <translation>要恢复吗？选“否”会删除它。</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <source>Something went wrong inside convviz:</source>
        <translation>convviz 内部出错了：</translation>
    </message>
    <message>
        <source>The details are in {file}.</source>
        <translation>详细信息在 {file} 中。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>convviz did not shut down cleanly. An autosave{where} (“{name}”) was found{which}.</source>
        <translation>convviz 上次没有正常退出。找到了一份自动保存{where}（“{name}”）{which}。</translation>
    </message>
    <message>
        <source>convviz is still running, and your latest changes are autosaved in {file}.</source>
        <translation>convviz 仍在运行，你最近的更改已自动保存在 {file}。</translation>
    </message>
    <message>
        <source>convviz is still running.</source>
        <translation>convviz 仍在运行。</translation>
    </message>
</context>
<context>
    <name>SceneDocument</name>
    <message>
        <source>, renamed {name}</source>
        <translation>，重命名为 {name}</translation>
    </message>
    <message>
        <source>Add kernel</source>
        <translation>添加卷积核</translation>
    </message>
    <message>
        <source>Apply {preset} to all kernels</source>
        <translation>把 {preset} 应用到所有卷积核</translation>
    </message>
    <message>
        <source>Apply {preset} to {kernel}</source>
        <translation>把 {preset} 应用到 {kernel}</translation>
    </message>
    <message>
        <source>Change {rows}×{cols} cells of {where}</source>
        <translation>修改{where}的 {rows}×{cols} 个格子</translation>
    </message>
    <message>
        <source>Change {rows}×{cols} weights of {where}</source>
        <translation>修改{where}的 {rows}×{cols} 个权重</translation>
    </message>
    <message>
        <source>Duplicate {kernel}</source>
        <translation>复制 {kernel}</translation>
    </message>
    <message>
        <source>Edit scene properties</source>
        <translation>编辑场景属性</translation>
    </message>
    <message>
        <source>Edit {where} cell ({row}, {col})</source>
        <translation>编辑{where}的格子 ({row}, {col})</translation>
    </message>
    <message>
        <source>Edit {where} weight ({row}, {col})</source>
        <translation>编辑{where}的权重 ({row}, {col})</translation>
    </message>
    <message>
        <source>Load {name}</source>
        <translation>载入 {name}</translation>
    </message>
    <message>
        <source>Move {kernel}</source>
        <translation>移动 {kernel}</translation>
    </message>
    <message>
        <source>Remove {kernel}</source>
        <translation>删除 {kernel}</translation>
    </message>
    <message>
        <source>Rename {kernel} to {name}</source>
        <translation>把 {kernel} 重命名为 {name}</translation>
    </message>
    <message>
        <source>Resize input to [{H},{W},{C}]</source>
        <translation>把输入改为 [{H},{W},{C}]</translation>
    </message>
    <message>
        <source>Resize kernels to {kh}×{kw}</source>
        <translation>把卷积核改为 {kh}×{kw}</translation>
    </message>
    <message>
        <source>Set bias of {kernel} to {value}</source>
        <translation>把 {kernel} 的偏置设为 {value}</translation>
    </message>
    <message>
        <source>Set groups to {groups}</source>
        <translation>将分组设为 {groups}</translation>
    </message>
    <message>
        <source>Set number of kernels to {K}</source>
        <translation>将卷积核个数设为 {K}</translation>
    </message>
    <message>
        <source>a kernel needs a name</source>
        <translation>卷积核需要一个名字</translation>
    </message>
    <message>
        <source>input channel {n}</source>
        <translation>输入通道 {n}</translation>
    </message>
    <message>
        <source>values must be finite numbers</source>
        <translation>数值必须是有限数</translation>
    </message>
    <message>
        <source>{action} in {where}</source>
        <translation>{where}中：{action}</translation>
    </message>
    <message>
        <source>{h}×{w} values don&apos;t fit at row {row}, column {col} of a {rows}×{cols} grid</source>
        <translation>{h}×{w} 个数值放不进 {rows}×{cols} 网格的第 {row} 行、第 {col} 列</translation>
    </message>
    <message>
        <source>{kernel} channel {n}</source>
        <translation>{kernel} 通道 {n}</translation>
    </message>
</context>
<context>
    <name>ScenePropertiesDialog</name>
    <message>
        <source>&amp;Description</source>
        <translation>说明(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <source>Scene properties</source>
        <translation>场景属性</translation>
    </message>
    <message>
        <source>The scene&apos;s title: shown in the window title and saved in the file</source>
        <translation>场景的标题：显示在窗口标题中并保存在文件里</translation>
    </message>
    <message>
        <source>What the scene shows, and which values come from where</source>
        <translation>场景展示什么，以及哪些数值从何而来</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>StepDescriber</name>
    <message>
        <source>&amp;Describe Step</source>
        <translation>描述当前步骤(&amp;D)</translation>
    </message>
    <message>
        <source>No step to describe: the scene can&apos;t be computed with these parameters.</source>
        <translation>没有可描述的步骤：在这些参数下无法计算该场景。</translation>
    </message>
    <message>
        <source>Say what the current step computes, in a sentence</source>
        <translation>用一句话说明当前步骤计算了什么</translation>
    </message>
</context>
<context>
    <name>StepPresenter</name>
    <message>
        <source>No steps to show: the parameters give no output. The feature-map panel says why.</source>
        <translation>没有可显示的步骤：这些参数没有输出。特征图面板会说明原因。</translation>
    </message>
</context>
<context>
    <name>StepScrubber</name>
    <message>
        <source>Scrub through every step</source>
        <translation>拖动浏览每一步</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步骤</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>有歧义的选项：%(option)s 可以是 %(matches)s</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个参数</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个参数</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多需要一个参数</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了多余的参数 %r</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>参数 %s 中必须有一个</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序的版本号并退出</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示这条帮助信息并退出</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下参数：%s</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知的子命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>feature maps {shape} (rows top to bottom, columns left to right)</source>
        <translation>特征图 {shape}（行从上到下，列从左到右）</translation>
    </message>
    <message>
        <source>kernel {kernel} · partial maps</source>
        <translation>卷积核 {kernel} · 部分和图</translation>
    </message>
    <message>
        <source>{kernel} (bias {bias}):</source>
        <translation>{kernel}（偏置 {bias}）：</translation>
    </message>
    <message>
        <source>{kernel}&apos;s map {shape}:</source>
        <translation>{kernel} 的特征图 {shape}：</translation>
    </message>
    <message>
        <source>{message} (see {prog} --help)</source>
        <translation>{message}（见 {prog} --help）</translation>
    </message>
    <message>
        <source>{name} · kernel {kernel} · output ({row}, {col}) · {params}</source>
        <translation>{name} · 卷积核 {kernel} · 输出 ({row}, {col}) · {params}</translation>
    </message>
    <message>
        <source>{name}: input {input}, kernels {kernels}, {params}</source>
        <translation>{name}：输入 {input}，卷积核 {kernels}，{params}</translation>
    </message>
</context>
<context>
    <name>cli_help</name>
    <message>
        <source>Steps are numbered once for the whole animation, from 0 like rows and columns, as the frames show them (&quot;step 50 of 89&quot;, 89 being the last); --from/--to use those numbers, with or without --kernel (which then keeps only that kernel&apos;s steps in the range). Limits: --fps 0.1..60, --hold-last up to 600 s, 100,000 frames.</source>
        <translation>步骤在整个动画中统一编号，与行和列一样从 0 开始，和画面上显示的一致（&quot;第 50 步 / 共 89 步&quot;，89 是最后一步）；--from/--to 使用这些编号，可以与 --kernel 一起用，也可以不用（一起用时只保留范围内该卷积核的步骤）。限制：--fps 0.1..60，--hold-last 最多 600 秒，最多 100,000 帧。</translation>
    </message>
    <message>
        <source>The script prints exactly what `convviz compute SCENE` prints: convviz code seed-3.4 &gt; s.py &amp;&amp; diff &lt;(python s.py) &lt;(convviz compute seed-3.4)</source>
        <translation>脚本打印的内容与 `convviz compute SCENE` 完全相同：convviz code seed-3.4 &gt; s.py &amp;&amp; diff &lt;(python s.py) &lt;(convviz compute seed-3.4)</translation>
    </message>
    <message>
        <source>WIDTHxHEIGHT (default 1280x720)</source>
        <translation>宽x高（默认 1280x720）</translation>
    </message>
    <message>
        <source>WIDTHxHEIGHT in pixels (default 1280x720)</source>
        <translation>以像素为单位的 宽x高（默认 1280x720）</translation>
    </message>
    <message>
        <source>Weights are PyTorch&apos;s [K,C,kh,kw]; the matching NAME.bias is used when the file has it. .pt/.pth need PyTorch and are read with weights_only=True; nothing is ever unpickled.</source>
        <translation>权重采用 PyTorch 的 [K,C,kh,kw] 布局；文件中有对应的 NAME.bias 时用作偏置。.pt/.pth 需要 PyTorch，并以 weights_only=True 读取；从不反序列化（unpickle）。</translation>
    </message>
    <message>
        <source>a convolution&apos;s feature maps (default), the active kernel&apos;s partial maps P1 + P2 + … + b = Y, or im2col&apos;s W·U + b; a transposed convolution&apos;s scatter (default) or its equivalent direct convolution</source>
        <translation>卷积的特征图（默认）、当前卷积核的部分和图 P1 + P2 + … + b = Y，或 im2col 的 W·U + b；转置卷积的散布（默认）或其等价的直接卷积</translation>
    </message>
    <message>
        <source>animation step to show, counted from 0 as the window and frames show it (&quot;step N of M&quot;, M the last)</source>
        <translation>要显示的动画步骤，与窗口和画面一样从 0 开始数（&quot;第 N 步 / 共 M 步&quot;，M 是最后一步）</translation>
    </message>
    <message>
        <source>blank the feature-map cells not computed yet</source>
        <translation>把还没算出的特征图格子留空</translation>
    </message>
    <message>
        <source>built-in scene name or scene file</source>
        <translation>内置场景名或场景文件</translation>
    </message>
    <message>
        <source>built-in scene name or scene file to open (default: seed-3.4)</source>
        <translation>要打开的内置场景名或场景文件（默认：seed-3.4）</translation>
    </message>
    <message>
        <source>commands: presets, compute, explain, grad, code, kernels, render, export (convviz COMMAND --help)</source>
        <translation>命令：presets、compute、explain、grad、code、kernels（导入卷积核）、render、export（convviz 命令 --help）</translation>
    </message>
    <message>
        <source>convviz: see, step by step, how a convolution layer computes its feature maps. Without a command, opens the window.</source>
        <translation>convviz：一步一步地看卷积层如何计算特征图。不带命令时打开窗口。</translation>
    </message>
    <message>
        <source>each kernel&apos;s partial maps, bias and map (eq. 3 for whole maps)</source>
        <translation>每个卷积核的部分和图、偏置和特征图（整张图的公式 3）</translation>
    </message>
    <message>
        <source>export the animation to MP4, GIF, APNG or PNG frames</source>
        <translation>把动画导出为 MP4、GIF、APNG 或 PNG 帧</translation>
    </message>
    <message>
        <source>file.mp4, file.gif, file.apng, or a folder/ for PNG frames</source>
        <translation>file.mp4、file.gif、file.apng，或存放 PNG 帧的 文件夹/</translation>
    </message>
    <message>
        <source>first step, numbered from 0 over the whole animation as the frames show it</source>
        <translation>起始步骤，在整个动画中从 0 编号，与画面上显示的一致</translation>
    </message>
    <message>
        <source>image to write: shot.png or shot.jpg</source>
        <translation>要写入的图片：shot.png 或 shot.jpg</translation>
    </message>
    <message>
        <source>kernel name (W0) or index (0); default the first (with --maps: every kernel)</source>
        <translation>卷积核名（W0）或编号（0）；默认第一个（使用 --maps 时：每个卷积核）</translation>
    </message>
    <message>
        <source>language of the ledger, captions and labels: en (default), zh_CN (简体中文)</source>
        <translation>计算式、标题和标签的语言：en（默认）、zh_CN（简体中文）</translation>
    </message>
    <message>
        <source>last step (inclusive), same numbering</source>
        <translation>最后一步（包含），编号方式相同</translation>
    </message>
    <message>
        <source>list the built-in scenes and kernel presets</source>
        <translation>列出内置场景和卷积核预设</translation>
    </message>
    <message>
        <source>list the conv weights in a .npy/.npz/.safetensors/.pt file, or turn some into a kernel preset</source>
        <translation>列出 .npy/.npz/.safetensors/.pt 文件中的卷积权重，或把其中一些做成卷积核预设</translation>
    </message>
    <message>
        <source>one colour scale for all feature maps (default), or each its own</source>
        <translation>所有特征图共用一个色标（默认），或各用各的</translation>
    </message>
    <message>
        <source>only these filters (default all, at most 64)</source>
        <translation>只用这些卷积核（默认全部，最多 64 个）</translation>
    </message>
    <message>
        <source>only this kernel (name or index)</source>
        <translation>只导出这个卷积核（名字或编号）</translation>
    </message>
    <message>
        <source>output cell, from 0</source>
        <translation>输出格子，从 0 开始</translation>
    </message>
    <message>
        <source>print a standalone PyTorch or NumPy script that computes the scene&apos;s feature maps</source>
        <translation>打印一个独立的 PyTorch 或 NumPy 脚本，用来计算场景的特征图</translation>
    </message>
    <message>
        <source>print every feature map of a scene</source>
        <translation>打印场景的每张特征图</translation>
    </message>
    <message>
        <source>print grad_input [C][H][W], grad_kernels, grad_bias as JSON</source>
        <translation>以 JSON 打印 grad_input [C][H][W]、grad_kernels、grad_bias</translation>
    </message>
    <message>
        <source>print the arithmetic of one output cell, as in the seed&apos;s eq. (3)</source>
        <translation>打印一个输出格子的算式，如种子教程的公式 (3)</translation>
    </message>
    <message>
        <source>print the gradients dX, dW and db of a scene&apos;s convolution</source>
        <translation>打印场景卷积的梯度 dX、dW 和 db</translation>
    </message>
    <message>
        <source>print {&quot;output&quot;: [row][col][k], &quot;shape&quot;: [oh, ow, K], ...}</source>
        <translation>打印 {&quot;output&quot;: [row][col][k], &quot;shape&quot;: [oh, ow, K], ...}</translation>
    </message>
    <message>
        <source>render the window offscreen to a PNG or JPEG</source>
        <translation>在屏幕外把窗口渲染成 PNG 或 JPEG</translation>
    </message>
    <message>
        <source>seconds to hold the last frame (0..600)</source>
        <translation>最后一帧停留的秒数（0..600）</translation>
    </message>
    <message>
        <source>step a gradient of the backward pass instead, as the window&apos;s Backward mode: dX, dW or db</source>
        <translation>改为逐步显示反向传播中的梯度，与窗口的反向模式相同：dX、dW 或 db</translation>
    </message>
    <message>
        <source>steps per output cell</source>
        <translation>每个输出格子的步数</translation>
    </message>
    <message>
        <source>steps per second, 0.1..60 (default 2)</source>
        <translation>每秒步数，0.1..60（默认 2）</translation>
    </message>
    <message>
        <source>text and cell scale</source>
        <translation>文字和格子的缩放</translation>
    </message>
    <message>
        <source>the conv weight to use, e.g. conv1.weight (without it: list them)</source>
        <translation>要使用的卷积权重，例如 conv1.weight（不给时：列出所有权重）</translation>
    </message>
    <message>
        <source>the editing window or the recording layout</source>
        <translation>编辑窗口或录制布局</translation>
    </message>
    <message>
        <source>the kernel preset to write</source>
        <translation>要写入的卷积核预设</translation>
    </message>
    <message>
        <source>the unfolded input U, the weight matrix W and W·U + b</source>
        <translation>展开后的输入 U、权重矩阵 W 和 W·U + b</translation>
    </message>
    <message>
        <source>the upstream gradient dY: ones, or a JSON file of K matrices [K][oh][ow] (default: the scene&apos;s grad_output, else ones)</source>
        <translation>上游梯度 dY：ones（全 1），或含 K 个矩阵 [K][oh][ow] 的 JSON 文件（默认：场景的 grad_output，否则全 1）</translation>
    </message>
    <message>
        <source>torch (torch.nn.functional) or numpy (default torch)</source>
        <translation>torch（torch.nn.functional）或 numpy（默认 torch）</translation>
    </message>
    <message>
        <source>weights file: .npy, .npz, .safetensors, .pt or .pth</source>
        <translation>权重文件：.npy、.npz、.safetensors、.pt 或 .pth</translation>
    </message>
    <message>
        <source>with --at: a gradient cell&apos;s arithmetic instead: dX(ROW, COL), or dW(I, J) of --kernel</source>
        <translation>配合 --at：改为显示一个梯度格子的算式：dX(ROW, COL)，或 --kernel 卷积核的 dW(I, J)</translation>
    </message>
    <message>
        <source>with --maps or --im2col: print JSON</source>
        <translation>配合 --maps 或 --im2col：打印 JSON</translation>
    </message>
    <message>
        <source>with --wrt: the input channel, from 1 as the ledger writes it (default: the first)</source>
        <translation>配合 --wrt：输入通道，与计算式一样从 1 开始（默认：第一个）</translation>
    </message>
    <message>
        <source>with --wrt: the upstream gradient dY (default: the scene&apos;s grad_output, else ones)</source>
        <translation>配合 --wrt：上游梯度 dY（默认：场景的 grad_output，否则全 1）</translation>
    </message>
</context>
<context>
    <name>cost</name>
    <message>
        <source>a {H}×{W}×{C} input with 1 {kh}×{kw} kernel needs about {count} multiply-adds (≈ {time}) and {memory} of memory</source>
        <translation>{H}×{W}×{C} 的输入配 1 个 {kh}×{kw} 卷积核，约需 {count}次乘加（≈ {time}）和 {memory} 内存</translation>
    </message>
    <message>
        <source>a {H}×{W}×{C} input with {K} {kh}×{kw} kernels needs about {count} multiply-adds (≈ {time}) and {memory} of memory</source>
        <translation>{H}×{W}×{C} 的输入配 {K} 个 {kh}×{kw} 卷积核，约需 {count}次乘加（≈ {time}）和 {memory} 内存</translation>
    </message>
</context>
<context>
    <name>describe</name>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Step {index} of {last}, kernel {kernel}, output ({row}, {col}): </source>
        <translation>第 {index} 步 / 共 {last} 步，卷积核 {kernel}，输出 ({row}, {col})：</translation>
    </message>
    <message>
        <source>Step {index} of {last}: </source>
        <translation>第 {index} 步 / 共 {last} 步：</translation>
    </message>
    <message>
        <source>channel {channel} gives the partial sum {partial}</source>
        <translation>通道 {channel} 的部分和为 {partial}</translation>
    </message>
    <message>
        <source>channel {channel}, input {x} times weight {w} at kernel position ({i}, {j}) is {product}</source>
        <translation>通道 {channel}，卷积核位置 ({i}, {j}) 处输入 {x} 乘以权重 {w} 得 {product}</translation>
    </message>
    <message>
        <source>the bias {bias} is added</source>
        <translation>加上偏置 {bias}</translation>
    </message>
    <message>
        <source>the value is {sum}</source>
        <translation>结果为 {sum}</translation>
    </message>
</context>
<context>
    <name>frame</name>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Flipped kernels for dX {name}</source>
        <translation>用于 dX 的翻转卷积核 {name}</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Input X</source>
        <translation>输入 X</translation>
    </message>
    <message>
        <source>Kernel {name}</source>
        <translation>卷积核 {name}</translation>
    </message>
    <message>
        <source>No steps to show: this convolution is impossible.</source>
        <translation>没有可显示的步骤：这个卷积无法计算。</translation>
    </message>
    <message>
        <source>This scene has no steps to show.</source>
        <translation>这个场景没有可显示的步骤。</translation>
    </message>
    <message>
        <source>Upstream gradient dY</source>
        <translation>上游梯度 dY</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>ch {n}</source>
        <translation>通道 {n}</translation>
    </message>
    <message>
        <source>channel {n}</source>
        <translation>通道 {n}</translation>
    </message>
    <message>
        <source>dW, db of {name}</source>
        <translation>{name} 的 dW、db</translation>
    </message>
    <message>
        <source>dX on the padded input</source>
        <translation>填充后输入上的 dX</translation>
    </message>
    <message>
        <source>dX {channel} (padded)</source>
        <translation>dX {channel}（含填充）</translation>
    </message>
    <message>
        <source>dY of {kernel}</source>
        <translation>{kernel} 的 dY</translation>
    </message>
    <message>
        <source>dY of {kernel} (dilated)</source>
        <translation>{kernel} 的 dY（膨胀）</translation>
    </message>
    <message>
        <source>dY, dilated and padded</source>
        <translation>dY，膨胀并填充</translation>
    </message>
    <message>
        <source>dY, padded</source>
        <translation>dY，已填充</translation>
    </message>
    <message>
        <source>equivalent direct</source>
        <translation>等价直接卷积</translation>
    </message>
    <message>
        <source>im2col: U would be [{rows}, {cols}] = {count} numbers; the view shows at most {limit} (128 MiB). Use a smaller input or crop it.</source>
        <translation>im2col：U 将是 [{rows}, {cols}] = {count} 个数；这个视图最多显示 {limit} 个（128 MiB）。请用更小的输入或裁剪它。</translation>
    </message>
    <message>
        <source>step {index} of {last}</source>
        <translation>第 {index} 步 / 共 {last} 步</translation>
    </message>
    <message>
        <source>{caption}, zeros inserted</source>
        <translation>{caption}，已插入零</translation>
    </message>
    <message>
        <source>{kernel} flipped</source>
        <translation>{kernel} 翻转</translation>
    </message>
    <message>
        <source>{kernel} → map</source>
        <translation>{kernel} → 特征图</translation>
    </message>
</context>
<context>
    <name>ledger</name>
    <message>
        <source>+ bias</source>
        <translation>+ 偏置</translation>
    </message>
    <message>
        <source>channel {n}</source>
        <translation>通道 {n}</translation>
    </message>
    <message>
        <source>channels {first}–{last}</source>
        <translation>通道 {first}–{last}</translation>
    </message>
    <message>
        <source>copies</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>cropped:</source>
        <translation>裁掉：</translation>
    </message>
    <message>
        <source>dX {channel} {place}: dY ⋆ flipped W</source>
        <translation>dX {channel} {place}：dY ⋆ 翻转的 W</translation>
    </message>
    <message>
        <source>fold: padding cells send their gradient back to the cell they copy ({mode})</source>
        <translation>折回：填充格子把梯度送回它们复制的格子（{mode}）</translation>
    </message>
    <message>
        <source>gradient of {kernel}&apos;s bias: the sum of dY</source>
        <translation>{kernel} 偏置的梯度：dY 之和</translation>
    </message>
    <message>
        <source>gradient of {kernel}&apos;s weight: the input under dY, times dY</source>
        <translation>{kernel} 权重的梯度：dY 下方的输入乘以 dY</translation>
    </message>
    <message>
        <source>input cell {done} of {count}</source>
        <translation>输入格子 {done} / {count}</translation>
    </message>
    <message>
        <source>padding cells {cells} copy ({row},{col})</source>
        <translation>填充格子 {cells} 复制 ({row},{col})</translation>
    </message>
    <message>
        <source>partial sums add up to {sum}</source>
        <translation>部分和合计 {sum}</translation>
    </message>
    <message>
        <source>running total: {sum}</source>
        <translation>累计：{sum}</translation>
    </message>
    <message>
        <source>{bias} to every cell of the map</source>
        <translation>特征图的每个格子加 {bias}</translation>
    </message>
    <message>
        <source>{count} more taps land on {first} … {last}: the map shows their values</source>
        <translation>另有 {count} 个位置落在 {first} … {last}：特征图显示它们的值</translation>
    </message>
    <message>
        <source>{kernel} at output ({row}, {col})</source>
        <translation>{kernel} 在输出 ({row}, {col})</translation>
    </message>
    <message>
        <source>{kernel}: every cell gets the bias</source>
        <translation>{kernel}：每个格子加上偏置</translation>
    </message>
    <message>
        <source>{kernel}: {where} = {value} scatters the kernel</source>
        <translation>{kernel}：{where} = {value} 散布卷积核</translation>
    </message>
    <message>
        <source>{weights} land on {where}, outside the {rows}×{cols} output</source>
        <translation>{weights} 落在 {where}，在 {rows}×{cols} 的输出之外</translation>
    </message>
    <message>
        <source>{weights} lands on {where}, outside the {rows}×{cols} output</source>
        <translation>{weights} 落在 {where}，在 {rows}×{cols} 的输出之外</translation>
    </message>
</context>
<context>
    <name>presets</name>
    <message>
        <source>A weighted average that favours the centre: a gentle blur without the box blur&apos;s blockiness.</source>
        <translation>偏重中心的加权平均：柔和的模糊，没有均值模糊的块状感。</translation>
    </message>
    <message>
        <source>A wider centre-weighted average (binomial weights / 256): a stronger, smooth blur.</source>
        <translation>更宽的中心加权平均（二项式权重 / 256）：更强、更平滑的模糊。</translation>
    </message>
    <message>
        <source>An 8×8 handwritten 3 (scikit-learn&apos;s digits, image 918, held out from training) under the 8 trained filters of digits-cnn: each answers to a stroke direction or an edge, as a network&apos;s first layer does. Pixel values 0..1, as in training.</source>
        <translation>一个 8×8 的手写数字 3（scikit-learn 的 digits 数据集第 918 张，未参与训练），用 digits-cnn 的 8 个训练好的卷积核处理：每个卷积核对应一种笔画方向或边缘，正如网络的第一层那样。像素值为 0..1，与训练时相同。</translation>
    </message>
    <message>
        <source>Averages each 3×3 neighbourhood: smooths noise and softens edges.</source>
        <translation>对每个 3×3 邻域取平均：平滑噪声，柔化边缘。</translation>
    </message>
    <message>
        <source>Boosts each pixel against its four neighbours: edges and fine detail stand out.</source>
        <translation>相对四个相邻像素增强每个像素：边缘和细节更突出。</translation>
    </message>
    <message>
        <source>Copies the input unchanged: the feature map equals the input. A baseline to compare the others with.</source>
        <translation>原样复制输入：特征图等于输入。可作为与其他卷积核比较的基准。</translation>
    </message>
    <message>
        <source>Detects any change from the surrounding eight pixels: bright outlines on a dark background.</source>
        <translation>检测与周围八个像素的任何差异：暗背景上的亮轮廓。</translation>
    </message>
    <message>
        <source>Detects edges along the diagonal and keeps the centre: a raised-relief look, lit from the bottom right.</source>
        <translation>检测对角线方向的边缘并保留中心：浮雕效果，光从右下方照来。</translation>
    </message>
    <message>
        <source>Detects edges in every direction from the four direct neighbours; flat areas give 0.</source>
        <translation>由四个直接相邻像素检测各个方向的边缘；平坦区域得 0。</translation>
    </message>
    <message>
        <source>Detects edges in every direction, diagonals included; flat areas give 0.</source>
        <translation>检测各个方向的边缘，包括对角线；平坦区域得 0。</translation>
    </message>
    <message>
        <source>Detects horizontal edges: responds to brightness changing from top to bottom (positive where it gets brighter).</source>
        <translation>检测水平边缘：响应从上到下的亮度变化（变亮处为正）。</translation>
    </message>
    <message>
        <source>Detects vertical edges: responds to brightness changing from left to right (positive where it gets brighter).</source>
        <translation>检测竖直边缘：响应从左到右的亮度变化（变亮处为正）。</translation>
    </message>
    <message>
        <source>One picture, two kernels: sharpen makes fine detail stand out, a 3×3 box blur softens it. Two kernels give two feature maps of visibly different sharpness.</source>
        <translation>一张图片，两个卷积核：锐化让细节更突出，3×3 均值模糊让它变柔和。两个卷积核给出两张清晰度明显不同的特征图。</translation>
    </message>
    <message>
        <source>Real trained filters: the first layer (8 filters 3×3, with biases) of a small CNN, conv → ReLU → 2×2 max pool → dense 10, trained by tools/train_digits_filters.py on scikit-learn&apos;s bundled 8×8 digits (load_digits, 1,797 images, pixels/16 so 0..1; 75/25 stratified split), NumPy and Adam, seed 0, 40 epochs. Test accuracy 98.2% on 450 held-out digits, with these filters rounded to 3 decimals. Try them on the sample “digits”.</source>
        <translation>真实训练出的卷积核：一个小型 CNN 的第一层（8 个 3×3 卷积核，带偏置），卷积 → ReLU → 2×2 最大池化 → 全连接 10，由 tools/train_digits_filters.py 在 scikit-learn 自带的 8×8 digits 数据集上训练（load_digits，1,797 张图像，像素除以 16 得 0..1；75/25 分层划分），NumPy 与 Adam，随机种子 0，训练 40 轮。在 450 个留出的数字上测试准确率为 98.2%（卷积核保留 3 位小数）。可在样例“digits”上试用。</translation>
    </message>
    <message>
        <source>Simple shapes with two edge detectors: Sobel x answers at vertical edges, Sobel y at horizontal ones. Red where the picture gets brighter (to the right, or downwards), blue where it gets darker.</source>
        <translation>简单图形与两个边缘检测器：Sobel x 响应竖直边缘，Sobel y 响应水平边缘。图片变亮处（向右或向下）为红色，变暗处为蓝色。</translation>
    </message>
    <message>
        <source>The classic lecture layout of the CS231n convolution demo: a 5×5×3 input with zero padding 1 and stride 2, two 3×3×3 kernels with biases 1 and 0, giving a 3×3×2 map. All values were chosen by convviz.</source>
        <translation>CS231n 卷积演示的经典课堂布局：5×5×3 的输入，零填充 1，步长 2，两个 3×3×3 的卷积核，偏置分别为 1 和 0，得到 3×3×2 的特征图。所有数值由 convviz 选定。</translation>
    </message>
    <message>
        <source>The way back from seed-3.1: the transposed convolution of seed-3.1&apos;s [3,3,1] feature map by the same kernel W0 gives a [5,5,1] map, the shape of seed-3.1&apos;s input: oh = (3 − 1)·1 − 0 + (3 − 1) + 0 + 1 = 5. From the seed: the kernel W0 of §3.1. Computed by convviz: the input is seed-3.1&apos;s output [[2, 4, 0], [−2, 3, 2], [−2, 4, 0]] (bias 1 included). Bias 0 here, so the map is the adjoint of seed-3.1&apos;s convolution applied to its output: each cell of it is what that cell&apos;s gradient would be with dY equal to seed-3.1&apos;s output. It is not seed-3.1&apos;s input back: a transposed convolution undoes the shapes, not the values.</source>
        <translation>从 seed-3.1 走回去：用同一个卷积核 W0 对 seed-3.1 的 [3,3,1] 特征图做转置卷积，得到 [5,5,1] 的特征图，正是 seed-3.1 输入的形状：oh = (3 − 1)·1 − 0 + (3 − 1) + 0 + 1 = 5。来自原文：§3.1 的卷积核 W0。由 convviz 计算：输入是 seed-3.1 的输出 [[2, 4, 0], [−2, 3, 2], [−2, 4, 0]]（已含偏置 1）。这里偏置为 0，所以特征图是 seed-3.1 的卷积的伴随作用于其输出：每个格子就是 dY 等于 seed-3.1 的输出时该格子的梯度。它不会还原 seed-3.1 的输入：转置卷积还原的是形状，而不是数值。</translation>
    </message>
    <message>
        <source>Transposed convolution, the &quot;no padding, strides&quot; case: a [3,3,1] input upsampled by a 2×2 kernel at stride 2 gives a [6,6,1] map, oh = (3 − 1)·2 − 0 + (2 − 1) + 0 + 1 = 6. Each input cell lays the kernel, scaled by its value, on its own 2×2 patch; at stride 2 the patches touch without overlapping. Values chosen by convviz: the input counts 1–9 and the kernel is [[1, 2], [3, 4]], so every patch reads as its input value times 1, 2, 3, 4; bias 0.</source>
        <translation>转置卷积的“无填充、有步长”情形：[3,3,1] 的输入经 2×2 卷积核以步长 2 上采样，得到 [6,6,1] 的特征图，oh = (3 − 1)·2 − 0 + (2 − 1) + 0 + 1 = 6。每个输入格子把按其数值缩放的卷积核放到自己的 2×2 区块上；步长为 2 时各区块相接而不重叠。数值由 convviz 选定：输入为 1–9，卷积核为 [[1, 2], [3, 4]]，所以每个区块读作其输入值乘以 1、2、3、4；偏置为 0。</translation>
    </message>
    <message>
        <source>§3.1 of the seed: one channel, one kernel. A [5,5,1] grey input, a 3×3 kernel and a bias give a [3,3,1] feature map. From the seed: the kernel W0, its bias 1, and the cells of eq. (1)&apos;s window (top-left 3×3) and eq. (2)&apos;s window (bottom-right 3×3); the centre cell, which the seed writes both as −2 and 2, is −2. Filled in by convviz: the other eight input cells (rows 0–1 at columns 3–4, rows 3–4 at columns 0–1). Output (0,0) = 2 and (2,2) = 0, as in the seed.</source>
        <translation>原文 §3.1：单通道，单个卷积核。[5,5,1] 的灰度输入、一个 3×3 卷积核和一个偏置得到 [3,3,1] 的特征图。来自原文：卷积核 W0、它的偏置 1，以及式 (1) 的窗口（左上 3×3）和式 (2) 的窗口（右下 3×3）中的格子；原文把中心格子既写作 −2 又写作 2，这里取 −2。由 convviz 补充：其余八个输入格子（第 0–1 行的第 3–4 列，第 3–4 行的第 0–1 列）。输出 (0,0) = 2，(2,2) = 0，与原文一致。</translation>
    </message>
    <message>
        <source>§3.2 of the seed: one channel, two kernels give a [3,3,2] feature map, one channel per kernel. The input and W0 are seed-3.1&apos;s (see its description for which cells come from the seed); the second kernel W1 and its bias 0 were chosen by convviz.</source>
        <translation>原文 §3.2：单通道，两个卷积核得到 [3,3,2] 的特征图，每个卷积核一个通道。输入和 W0 与 seed-3.1 相同（哪些格子来自原文见其说明）；第二个卷积核 W1 及其偏置 0 由 convviz 选定。</translation>
    </message>
    <message>
        <source>§3.3 of the seed: three channels, ONE kernel with three channels and one bias give a [3,3,1] map. From the seed: the top-left 3×3 window of every channel and the whole kernel W0 with bias 1 (eq. 3: 3 + 1 + 2 + 1 = 7). Filled in by convviz: the rest of the 5×5×3 input.</source>
        <translation>原文 §3.3：三个通道，一个（不是三个）具有三个通道的卷积核和一个偏置得到 [3,3,1] 的特征图。来自原文：每个通道左上角的 3×3 窗口，以及整个卷积核 W0 和偏置 1（式 3：3 + 1 + 2 + 1 = 7）。由 convviz 补充：5×5×3 输入的其余部分。</translation>
    </message>
    <message>
        <source>§3.4 of the seed: three channels, two kernels give a [3,3,2] map. The input and W0 are seed-3.3&apos;s (the top-left windows and W0 come from the seed, the rest of the input was filled in by convviz); the second kernel W1 and its bias 0 were chosen by convviz.</source>
        <translation>原文 §3.4：三个通道，两个卷积核得到 [3,3,2] 的特征图。输入和 W0 与 seed-3.3 相同（左上角窗口和 W0 来自原文，输入的其余部分由 convviz 补充）；第二个卷积核 W1 及其偏置 0 由 convviz 选定。</translation>
    </message>
</context>
<context>
    <name>scene</name>
    <message>
        <source>stride {stride} · padding {padding} ({mode}) · dilation {dilation} · groups {groups}</source>
        <translation>步长 {stride} · 填充 {padding} ({mode}) · 膨胀 {dilation} · 分组 {groups}</translation>
    </message>
    <message>
        <source>transposed · {params} · output padding {pad}</source>
        <translation>转置 · {params} · 输出填充 {pad}</translation>
    </message>
</context>
<context>
    <name>trace</name>
    <message>
        <source>+ bias</source>
        <translation>+ 偏置</translation>
    </message>
    <message>
        <source>at ({row}, {col})</source>
        <translation>在 ({row}, {col})</translation>
    </message>
    <message>
        <source>at padding cell ({row}, {col})</source>
        <translation>在填充格子 ({row}, {col})</translation>
    </message>
    <message>
        <source>channel {n}</source>
        <translation>通道 {n}</translation>
    </message>
    <message>
        <source>col {col}</source>
        <translation>列 {col}</translation>
    </message>
    <message>
        <source>dY of {kernel}</source>
        <translation>{kernel} 的 dY</translation>
    </message>
    <message>
        <source>fold · dX {channel} ({row}, {col}) + its padding copies</source>
        <translation>折回 · dX {channel} ({row}, {col}) + 它的填充副本</translation>
    </message>
    <message>
        <source>kernel {name}</source>
        <translation>卷积核 {name}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>行 {row}</translation>
    </message>
    <message>
        <source>scatter x({row}, {col})</source>
        <translation>散布 x({row}, {col})</translation>
    </message>
    <message>
        <source>tap ({row}, {col})</source>
        <translation>位置 ({row}, {col})</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总和</translation>
    </message>
    <message>
        <source>{name} of {kernel}</source>
        <translation>{kernel} 的 {name}</translation>
    </message>
</context>
</TS>
