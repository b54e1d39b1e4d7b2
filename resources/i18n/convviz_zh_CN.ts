<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <name>MatrixModel</name>
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
        <source>{name} · kernel {kernel} · output ({row}, {col}) · {params}</source>
        <translation>{name} · 卷积核 {kernel} · 输出 ({row}, {col}) · {params}</translation>
    </message>
    <message>
        <source>{name}: input {input}, kernels {kernels}, {params}</source>
        <translation>{name}：输入 {input}，卷积核 {kernels}，{params}</translation>
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
        <source>step {index} of {last}</source>
        <translation>第 {index} 步 / 共 {last} 步</translation>
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
        <source>partial sums add up to {sum}</source>
        <translation>部分和合计 {sum}</translation>
    </message>
    <message>
        <source>running total: {sum}</source>
        <translation>累计：{sum}</translation>
    </message>
    <message>
        <source>{kernel} at output ({row}, {col})</source>
        <translation>{kernel} 在输出 ({row}, {col})</translation>
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
        <source>channel {n}</source>
        <translation>通道 {n}</translation>
    </message>
    <message>
        <source>col {col}</source>
        <translation>列 {col}</translation>
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
        <source>tap ({row}, {col})</source>
        <translation>位置 ({row}, {col})</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总和</translation>
    </message>
</context>
</TS>
