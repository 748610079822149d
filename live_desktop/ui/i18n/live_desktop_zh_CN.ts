<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>not available ({reason})</source>
        <translation>不可用（{reason}）</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <source>Real-time voice and video conversations with Gemini through the Live API.</source>
        <translation>通过 Live API 与 Gemini 进行实时语音和视频对话。</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>复制版本信息(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the versions to the clipboard</source>
        <translation>将版本信息复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Gemini API key</source>
        <translation>Gemini API 密钥</translation>
    </message>
    <message>
        <source>Ephemeral token</source>
        <extracomment>A microphone peak above this lights &quot;You are speaking&quot; at once; the VAD keeps it lit through quiet syllables and short pauses.</extracomment>
        <translation>临时令牌</translation>
    </message>
    <message>
        <source>Paste an ephemeral token (auth_tokens/…) from your server:</source>
        <translation>粘贴你的服务器发放的临时令牌（auth_tokens/…）：</translation>
    </message>
    <message>
        <source>Paste your Gemini API key (from Google AI Studio):</source>
        <translation>粘贴你的 Gemini API 密钥（可在 Google AI Studio 获取）：</translation>
    </message>
    <message>
        <source>Press Connect to use the token.</source>
        <translation>按“连接”即可使用该令牌。</translation>
    </message>
    <message>
        <source>To use it, choose “Ephemeral token” under Settings &gt; Connection &gt; Authentication.</source>
        <translation>要使用它，请在“设置 &gt; 连接 &gt; 身份验证”中选择“临时令牌”。</translation>
    </message>
    <message>
        <source>Press Connect to talk to Gemini (a live session needs a new connection).</source>
        <translation>点击“连接”即可与 Gemini 对话（实时会话需要重新连接）。</translation>
    </message>
    <message>
        <source>No sound device</source>
        <translation>无音频设备</translation>
    </message>
    <message>
        <source>Could not save your settings to {path}: {reason}</source>
        <translation>无法将设置保存到 {path}：{reason}</translation>
    </message>
    <message>
        <source>Push-to-talk will be on from the next connection.</source>
        <translation>按键通话将从下次连接起开启。</translation>
    </message>
    <message>
        <source>Push-to-talk will be off from the next connection.</source>
        <translation>按键通话将从下次连接起关闭。</translation>
    </message>
    <message>
        <source>Something went wrong inside {app} ({error}). The details are in the log (Help &gt; Open log folder).</source>
        <translation>{app} 内部出错（{error}）。详细信息见日志（帮助 &gt; 打开日志文件夹）。</translation>
    </message>
    <message>
        <source>Choose a video file to share</source>
        <translation>选择要共享的视频文件</translation>
    </message>
    <message>
        <source>Videos and images (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>视频和图片 (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ConversationViewModel</name>
    <message>
        <source>Could not connect.</source>
        <extracomment>What the window says when an action itself fails (before the reason).</extracomment>
        <translation>无法连接。</translation>
    </message>
    <message>
        <source>Could not disconnect.</source>
        <translation>无法断开连接。</translation>
    </message>
    <message>
        <source>Could not send the message.</source>
        <translation>无法发送消息。</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>The API key was rejected. Check the key in Settings (it may be mistyped, revoked or expired).</source>
        <translation>API 密钥被拒绝。请在“设置”中检查密钥（可能输错、已被撤销或已过期）。</translation>
    </message>
    <message>
        <source>The service rejected the ephemeral token (it expired, was used up or is unknown). Paste a new one, or check the token endpoint in Settings.</source>
        <translation>服务拒绝了该临时令牌（已过期、已用完或无法识别）。请粘贴新的令牌，或在“设置”中检查令牌端点。</translation>
    </message>
    <message>
        <source>The service did not receive a valid API key. Add your key in Settings.</source>
        <translation>服务未收到有效的 API 密钥。请在“设置”中添加密钥。</translation>
    </message>
    <message>
        <source>The model “{model}” is not available for live conversations on this endpoint. Choose another model in Settings.</source>
        <translation>模型“{model}”在此端点上不支持实时对话。请在“设置”中选择其他模型。</translation>
    </message>
    <message>
        <source>The model the chosen model is not available for live conversations on this endpoint. Choose another model in Settings.</source>
        <translation>所选模型在此端点上不支持实时对话。请在“设置”中选择其他模型。</translation>
    </message>
    <message>
        <source>The service refused this request: this key or endpoint may not use this feature.</source>
        <translation>服务拒绝了此请求：此密钥或端点可能无权使用该功能。</translation>
    </message>
    <message>
        <source>The service refused the session (policy violation). The server said: {reason}.</source>
        <translation>服务拒绝了此会话（违反政策）。服务器返回：{reason}。</translation>
    </message>
    <message>
        <source>The Live API is not available in your location.</source>
        <translation>Live API 在你所在的地区不可用。</translation>
    </message>
    <message>
        <source>The conversation outgrew the model&apos;s context window. Turn on context compression in Settings and start a new session.</source>
        <translation>对话已超出模型的上下文窗口。请在“设置”中开启上下文压缩，然后开始新的会话。</translation>
    </message>
    <message>
        <source>The service rejected a setting or an input, so the session was closed. The server said: {reason}.</source>
        <translation>服务拒绝了某项设置或输入，会话已关闭。服务器返回：{reason}。</translation>
    </message>
    <message>
        <source>The connection reached the service&apos;s time limit and was closed.</source>
        <translation>连接已达到服务的时间上限，已被关闭。</translation>
    </message>
    <message>
        <source>The service stopped answering, so the connection was closed.</source>
        <translation>服务停止响应，连接已关闭。</translation>
    </message>
    <message>
        <source>The service had an internal error and closed the connection.</source>
        <translation>服务发生内部错误并关闭了连接。</translation>
    </message>
    <message>
        <source>The connection to the service was lost (network interruption).</source>
        <translation>与服务的连接已断开（网络中断）。</translation>
    </message>
    <message>
        <source>The session reached the service&apos;s length limit. Turn on context compression for longer conversations.</source>
        <translation>会话已达到服务的时长上限。如需更长的对话，请开启上下文压缩。</translation>
    </message>
    <message>
        <source>The service closed the session.</source>
        <translation>服务关闭了会话。</translation>
    </message>
    <message>
        <source>The service rejected the request ({code}). The server said: {reason}.</source>
        <translation>服务拒绝了请求（{code}）。服务器返回：{reason}。</translation>
    </message>
    <message>
        <source>The service had an internal error ({code}).</source>
        <translation>服务发生内部错误（{code}）。</translation>
    </message>
    <message>
        <source>The connection closed unexpectedly (code {code}).</source>
        <translation>连接意外关闭（代码 {code}）。</translation>
    </message>
    <message>
        <source>The service&apos;s usage quota or rate limit was reached. Wait a little and try again.</source>
        <translation>已达到服务的用量配额或速率限制。请稍候再试。</translation>
    </message>
    <message>
        <source>{host} accepted the connection but did not start the session in time.</source>
        <translation>{host} 接受了连接，但未能及时开始会话。</translation>
    </message>
    <message>
        <source>{host} refused the connection (HTTP {status}). Check the API key or token and that this endpoint allows live sessions.</source>
        <translation>{host} 拒绝了连接（HTTP {status}）。请检查 API 密钥或令牌，并确认此端点允许实时会话。</translation>
    </message>
    <message>
        <source>{host} has no Live API at this address (HTTP 404). Check the endpoint URL.</source>
        <translation>{host} 在此地址上没有 Live API（HTTP 404）。请检查端点 URL。</translation>
    </message>
    <message>
        <source>{host} refused the connection (HTTP {status}).</source>
        <translation>{host} 拒绝了连接（HTTP {status}）。</translation>
    </message>
    <message>
        <source>The endpoint address is not a valid URL. Check it in Settings.</source>
        <translation>端点地址不是有效的 URL。请在“设置”中检查。</translation>
    </message>
    <message>
        <source>{host} did not speak the Live API protocol.</source>
        <translation>{host} 未使用 Live API 协议响应。</translation>
    </message>
    <message>
        <source>The certificate of {host} is not trusted. For a local or corporate server, point the app at its certificate (--ca-cert or SSL_CERT_FILE).</source>
        <translation>{host} 的证书不受信任。如果是本地或企业服务器，请为应用指定其证书（--ca-cert 或 SSL_CERT_FILE）。</translation>
    </message>
    <message>
        <source>A secure (TLS) connection to {host} could not be established.</source>
        <translation>无法与 {host} 建立安全（TLS）连接。</translation>
    </message>
    <message>
        <source>The service sent a message the app could not read; it was skipped.</source>
        <translation>服务发送了一条应用无法读取的消息，已跳过。</translation>
    </message>
    <message>
        <source>Could not find {host} on the network. Check your internet connection and the endpoint address.</source>
        <translation>在网络上找不到 {host}。请检查网络连接和端点地址。</translation>
    </message>
    <message>
        <source>{host} refused the connection. Is the server running?</source>
        <translation>{host} 拒绝了连接。服务器是否在运行？</translation>
    </message>
    <message>
        <source>Connecting to {host} timed out.</source>
        <translation>连接 {host} 超时。</translation>
    </message>
    <message>
        <source>A network error interrupted the connection to {host}: {reason}.</source>
        <translation>网络错误中断了与 {host} 的连接：{reason}。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong with the session; details are in the log.</source>
        <translation>会话出现意外错误，详细信息见日志。</translation>
    </message>
    <message>
        <source>the service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>nothing more</source>
        <translation>无更多信息</translation>
    </message>
    <message>
        <source>invalid argument</source>
        <translation>参数无效</translation>
    </message>
    <message>
        <source>the Gemini API</source>
        <translation>Gemini API</translation>
    </message>
    <message>
        <source>Not connected: the message was not sent. Connect first.</source>
        <translation>未连接：消息未发送。请先连接。</translation>
    </message>
    <message>
        <source>Not connected: the tool response was not sent. Connect first.</source>
        <translation>未连接：工具响应未发送。请先连接。</translation>
    </message>
    <message>
        <source>The network is too slow for live audio; some microphone audio was skipped.</source>
        <translation>网络速度太慢，无法传输实时音频；部分麦克风音频已被跳过。</translation>
    </message>
    <message>
        <source>Your message “{text}” may not have been sent before the connection ended; send it again once connected.</source>
        <translation>你的消息“{text}”可能在连接结束前未能发出；连接后请重新发送。</translation>
    </message>
    <message>
        <source>The answer to the tool call ({names}) may not have been sent.</source>
        <translation>工具调用（{names}）的响应可能未能发出。</translation>
    </message>
    <message>
        <source>Tool call cancelled: {names}</source>
        <translation>工具调用已取消：{names}</translation>
    </message>
    <message>
        <source>Could not reconnect after {count} attempts. {reason}</source>
        <translation>尝试 {count} 次后仍无法重新连接。{reason}</translation>
    </message>
    <message>
        <source>The model&apos;s reply was cut off when the connection dropped; ask again if you need the rest.</source>
        <translation>连接中断时，模型的回复被截断了；如需其余内容，请再问一次。</translation>
    </message>
    <message>
        <source>The conversation could not be resumed (the service gave no resumption handle), so the model starts afresh without what was said before.</source>
        <translation>无法恢复对话（服务未提供恢复句柄），因此模型将从头开始，不记得之前说过的内容。</translation>
    </message>
    <message>
        <source>About {seconds} s of what you said while reconnecting could not be kept and was not heard.</source>
        <translation>重新连接期间你说的话中约有 {seconds} 秒无法保留，模型没有听到。</translation>
    </message>
    <message>
        <source>The conversation of {when} was not closed properly (the app stopped); its recording was repaired: {turns}, {audio}.</source>
        <translation>{when} 的对话未正常关闭（应用已停止）；其录制内容已修复：{turns}，{audio}。</translation>
    </message>
    <message>
        <source>{count} damaged line(s) of its transcript could not be read and were skipped.</source>
        <translation>其转写记录中有 {count} 行已损坏，无法读取，已跳过。</translation>
    </message>
    <message>
        <source>The recording in {folder} was not closed properly and could not be repaired ({reason}); its files were left as they are.</source>
        <translation>{folder} 中的录制内容未正常关闭，且无法修复（{reason}）；其文件保持原样。</translation>
    </message>
    <message>
        <source>The old recording {path} could not be deleted ({reason}).</source>
        <translation>无法删除旧的录制内容 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>This conversation is not being recorded: {folder} could not be written ({reason}). Check the folder&apos;s permissions and free space.</source>
        <translation>此对话未被录制：无法写入 {folder}（{reason}）。请检查该文件夹的权限和可用空间。</translation>
    </message>
    <message>
        <source>The recording of this conversation stopped: {folder} could not be written ({reason}). What was recorded until then is kept.</source>
        <translation>此对话的录制已停止：无法写入 {folder}（{reason}）。此前录制的内容已保留。</translation>
    </message>
    <message>
        <source>This recording has no audio (it was made without a sound device).</source>
        <translation>此录制内容没有音频（录制时没有声音设备）。</translation>
    </message>
    <message>
        <source>This conversation was not recorded, so it has no audio.</source>
        <translation>此对话未被录制，因此没有音频。</translation>
    </message>
    <message>
        <source>1 turn</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <source>{count} turns</source>
        <translation>{count} 轮</translation>
    </message>
    <message>
        <source>{seconds} s of audio</source>
        <translation>{seconds} 秒音频</translation>
    </message>
    <message>
        <source>no audio</source>
        <translation>无音频</translation>
    </message>
    <message>
        <source>No ephemeral token is set: paste one (Add key…), or set a token endpoint URL in Settings &gt; Connection.</source>
        <translation>未设置临时令牌：请粘贴一个（“添加 API 密钥…”），或在“设置 &gt; 连接”中设置令牌端点 URL。</translation>
    </message>
    <message>
        <source>The pasted text is not an ephemeral token: a token starts with auth_tokens/.</source>
        <translation>粘贴的文本不是临时令牌：令牌以 auth_tokens/ 开头。</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered JSON that is not an object; it must be {&quot;name&quot;: &quot;auth_tokens/...&quot;, &quot;expireTime&quot;: &quot;...&quot;} as auth_tokens.create returns it.</source>
        <translation>令牌端点 {url} 返回的 JSON 不是对象；它必须像 auth_tokens.create 返回的那样：{&quot;name&quot;: &quot;auth_tokens/...&quot;, &quot;expireTime&quot;: &quot;...&quot;}。</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered without a token: its JSON needs a &quot;name&quot; that starts with auth_tokens/ (what auth_tokens.create returns).</source>
        <translation>令牌端点 {url} 的回复中没有令牌：其 JSON 需要一个以 auth_tokens/ 开头的 &quot;name&quot;（即 auth_tokens.create 返回的内容）。</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered with a &quot;name&quot; that is not an ephemeral token (a token starts with auth_tokens/).</source>
        <translation>令牌端点 {url} 返回的 &quot;name&quot; 不是临时令牌（令牌以 auth_tokens/ 开头）。</translation>
    </message>
    <message>
        <source>The token endpoint {url} sent a token that had already expired ({field} {deadline} UTC, now {now} UTC); check the clocks of this computer and of that server.</source>
        <translation>令牌端点 {url} 发送的令牌已过期（{field} {deadline} UTC，现在是 {now} UTC）；请检查本机和该服务器的时钟。</translation>
    </message>
    <message>
        <source>The token endpoint {url} sent {field} “{value}”, which is not a date and time (it should look like 2026-01-01T10:30:00Z).</source>
        <translation>令牌端点 {url} 发送的 {field}“{value}”不是日期时间（格式应类似 2026-01-01T10:30:00Z）。</translation>
    </message>
    <message>
        <source>The token endpoint {url} sent “uses” that is not a whole number: “{value}”.</source>
        <translation>令牌端点 {url} 发送的“uses”不是整数：“{value}”。</translation>
    </message>
    <message>
        <source>The token endpoint {url} did not answer within {seconds} s.</source>
        <translation>令牌端点 {url} 未在 {seconds} 秒内响应。</translation>
    </message>
    <message>
        <source>The certificate of the token endpoint {url} is not trusted ({reason}).</source>
        <translation>令牌端点 {url} 的证书不受信任（{reason}）。</translation>
    </message>
    <message>
        <source>The token endpoint {url} could not be reached ({reason}).</source>
        <translation>无法访问令牌端点 {url}（{reason}）。</translation>
    </message>
    <message>
        <source>The token endpoint {url} failed: {reason}.</source>
        <translation>令牌端点 {url} 出错：{reason}。</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered HTTP {status}.</source>
        <translation>令牌端点 {url} 返回了 HTTP {status}。</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered HTTP {status}: “{text}”.</source>
        <translation>令牌端点 {url} 返回了 HTTP {status}：“{text}”。</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered HTTP {status}; redirects are not followed, so set the address it points to.</source>
        <translation>令牌端点 {url} 返回了 HTTP {status}；应用不会跟随重定向，请直接设置它指向的地址。</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered HTTP {status}: “{text}”; redirects are not followed, so set the address it points to.</source>
        <translation>令牌端点 {url} 返回了 HTTP {status}：“{text}”；应用不会跟随重定向，请直接设置它指向的地址。</translation>
    </message>
    <message>
        <source>The token endpoint {url} did not answer with JSON (it sent {kind}: “{text}”).</source>
        <translation>令牌端点 {url} 的回复不是 JSON（它发送的是 {kind}：“{text}”）。</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>未标明类型的内容</translation>
    </message>
    <message>
        <source>Live Desktop could not read its settings file {path} ({reason}), so it started with default settings.</source>
        <translation>Live Desktop 无法读取设置文件 {path}（{reason}），因此以默认设置启动。</translation>
    </message>
    <message>
        <source>Your settings file {path} could not be used ({reason}), so Live Desktop started with default settings. The old file was kept as {backup}.</source>
        <translation>无法使用你的设置文件 {path}（{reason}），因此 Live Desktop 以默认设置启动。旧文件已保存为 {backup}。</translation>
    </message>
    <message>
        <source>Your settings file {path} could not be used ({reason}), so Live Desktop started with default settings. The old file could not be kept and will be replaced.</source>
        <translation>无法使用你的设置文件 {path}（{reason}），因此 Live Desktop 以默认设置启动。旧文件无法保留，将被替换。</translation>
    </message>
    <message>
        <source>it is not valid JSON: {error}</source>
        <translation>不是有效的 JSON：{error}</translation>
    </message>
    <message>
        <source>it does not hold a settings object</source>
        <translation>其中没有设置对象</translation>
    </message>
    <message>
        <source>it has no valid schema version</source>
        <translation>没有有效的架构版本</translation>
    </message>
    <message>
        <source>schema version {version} cannot be migrated</source>
        <translation>无法迁移架构版本 {version}</translation>
    </message>
    <message>
        <source>invalid values: {errors}</source>
        <translation>值无效：{errors}</translation>
    </message>
    <message>
        <source>Your settings were saved by a newer version of Live Desktop (schema {version}); this version uses the options it knows and ignores the rest.</source>
        <translation>你的设置由较新版本的 Live Desktop 保存（架构 {version}）；此版本使用其能识别的选项，忽略其余选项。</translation>
    </message>
    <message>
        <source>Some saved settings are not known to this version and were ignored: {keys}. They will be dropped the next time settings are saved.</source>
        <translation>此版本无法识别部分已保存的设置，已将其忽略：{keys}。下次保存设置时它们将被删除。</translation>
    </message>
    <message>
        <source>Live Desktop does not know the model {model}; every setting you chose is sent as is, and the service will refuse any it does not accept.</source>
        <translation>Live Desktop 不认识模型 {model}；你选择的所有设置都会原样发送，服务会拒绝不接受的设置。</translation>
    </message>
    <message>
        <source>{name} ({model}) is served by {where} only; choose that endpoint or another model.</source>
        <translation>{name}（{model}）仅由 {where} 提供；请选择该端点或其他模型。</translation>
    </message>
    <message>
        <source>{setting} &quot;{value}&quot; is not available on {model}: {reason}.</source>
        <translation>{model} 不支持{setting}“{value}”：{reason}。</translation>
    </message>
    <message>
        <source>{setting} is not available on {model}: {reason}.</source>
        <translation>{model} 不支持{setting}：{reason}。</translation>
    </message>
    <message>
        <source>Ephemeral tokens work with the Gemini API only, not with Vertex AI.</source>
        <translation>临时令牌仅适用于 Gemini API，不适用于 Vertex AI。</translation>
    </message>
    <message>
        <source>Vertex AI needs a Google Cloud project (or use an API key in express mode).</source>
        <translation>Vertex AI 需要 Google Cloud 项目（或在快速模式下使用 API 密钥）。</translation>
    </message>
    <message>
        <source>Vertex AI needs a location.</source>
        <translation>Vertex AI 需要指定位置。</translation>
    </message>
    <message>
        <source>Vertex AI serves the Live API as v1 or v1beta1, not {version}.</source>
        <translation>Vertex AI 以 v1 或 v1beta1 提供 Live API，不支持 {version}。</translation>
    </message>
    <message>
        <source>Google Cloud credentials work with Vertex AI only; use an API key or an ephemeral token.</source>
        <translation>Google Cloud 凭据仅适用于 Vertex AI；请使用 API 密钥或临时令牌。</translation>
    </message>
    <message>
        <source>v1beta1 is a Vertex AI version; the Gemini API uses v1alpha, v1beta or v1.</source>
        <translation>v1beta1 是 Vertex AI 的版本；Gemini API 使用 v1alpha、v1beta 或 v1。</translation>
    </message>
    <message>
        <source>Ephemeral tokens need api_version v1alpha, not {version}.</source>
        <translation>临时令牌需要 api_version v1alpha，而不是 {version}。</translation>
    </message>
    <message>
        <source>Transparent resumption works on Vertex AI only; the Gemini API rejects it for {model}.</source>
        <translation>透明恢复仅适用于 Vertex AI；Gemini API 对 {model} 不接受此设置。</translation>
    </message>
    <message>
        <source>The explicit VAD signal works on Vertex AI only; the Gemini API rejects it for {model}.</source>
        <translation>显式 VAD 信号仅适用于 Vertex AI；Gemini API 对 {model} 不接受此设置。</translation>
    </message>
    <message>
        <source>{setting} needs api_version {version} on {model}, but the connection is pinned to {pinned}.</source>
        <translation>{model} 上的{setting}需要 api_version {version}，但连接已固定为 {pinned}。</translation>
    </message>
    <message>
        <source>The custom endpoint needs a URL such as https://proxy.example.com.</source>
        <translation>自定义端点需要一个 URL，例如 https://proxy.example.com。</translation>
    </message>
    <message>
        <source>The custom endpoint {url} is not an https:// URL.</source>
        <translation>自定义端点 {url} 不是 https:// URL。</translation>
    </message>
    <message>
        <source>The custom endpoint {url} is not encrypted; use https:// (plain http:// is allowed only for this computer).</source>
        <translation>自定义端点 {url} 未加密；请使用 https://（仅本机地址允许使用普通 http://）。</translation>
    </message>
    <message>
        <source>The token endpoint {url} is not an https:// URL.</source>
        <translation>令牌端点 {url} 不是 https:// URL。</translation>
    </message>
    <message>
        <source>The token endpoint {url} is not encrypted; use https:// (plain http:// is allowed only for this computer).</source>
        <translation>令牌端点 {url} 未加密；请使用 https://（仅本机地址允许使用普通 http://）。</translation>
    </message>
    <message>
        <source>The endpoint {url} is not an https:// URL.</source>
        <translation>端点 {url} 不是 https:// URL。</translation>
    </message>
    <message>
        <source>The endpoint {url} is not encrypted; use https:// (plain http:// is allowed only for this computer).</source>
        <translation>端点 {url} 未加密；请使用 https://（仅本机地址允许使用普通 http://）。</translation>
    </message>
    <message>
        <source>Two tools are called {name}; function names must be unique.</source>
        <translation>有两个工具都叫 {name}；函数名称必须唯一。</translation>
    </message>
    <message>
        <source>The parameters of {name} must be a JSON Schema of type object.</source>
        <translation>{name} 的参数必须是 object 类型的 JSON Schema。</translation>
    </message>
    <message>
        <source>{name} is answered by a webhook but has no webhook URL (such as http://127.0.0.1:8000/tools).</source>
        <translation>{name} 由 webhook 应答，但没有 webhook URL（例如 http://127.0.0.1:8000/tools）。</translation>
    </message>
    <message>
        <source>The webhook URL of {name}, {url}, is not an http:// or https:// URL.</source>
        <translation>{name} 的 webhook URL {url} 不是 http:// 或 https:// URL。</translation>
    </message>
    <message>
        <source>The webhook URL of {name} is not encrypted and not on this computer: the arguments would cross the network in clear text. Use https:// for a remote host.</source>
        <translation>{name} 的 webhook URL 未加密且不在本机：参数将以明文穿过网络。远程主机请使用 https://。</translation>
    </message>
    <message>
        <source>The compression target must be below the trigger.</source>
        <translation>压缩目标必须小于触发值。</translation>
    </message>
    <message>
        <source>A screen region needs left, top &gt;= 0 and a width and height &gt;= 1.</source>
        <translation>屏幕区域要求左边距和上边距 &gt;= 0，宽度和高度 &gt;= 1。</translation>
    </message>
    <message>
        <source>{model} answers with audio only; turn on output transcription for text</source>
        <translation>{model} 只用音频回答；如需文字，请开启输出转写</translation>
    </message>
    <message>
        <source>{model} is a native-audio model; en-AU, en-GB, es-ES, fr-CA, gu-IN, kn-IN, ml-IN and cmn-CN are not available for native audio</source>
        <translation>{model} 是原生音频模型；en-AU、en-GB、es-ES、fr-CA、gu-IN、kn-IN、ml-IN 和 cmn-CN 不支持原生音频</translation>
    </message>
    <message>
        <source>Live models on the Gemini API do not run code execution</source>
        <translation>Gemini API 上的 Live 模型不支持代码执行</translation>
    </message>
    <message>
        <source>{model} always has proactive audio on</source>
        <translation>{model} 始终开启主动音频</translation>
    </message>
    <message>
        <source>Affective dialog was removed from {model}</source>
        <translation>{model} 已移除情感对话</translation>
    </message>
    <message>
        <source>Transparent resumption is available on Vertex AI only</source>
        <translation>透明恢复仅在 Vertex AI 上可用</translation>
    </message>
    <message>
        <source>The explicit VAD signal is available on Vertex AI only</source>
        <translation>显式 VAD 信号仅在 Vertex AI 上可用</translation>
    </message>
    <message>
        <source>{model} accepts thinking level low, medium or high</source>
        <translation>{model} 接受的思考等级为低、中或高</translation>
    </message>
    <message>
        <source>{model} accepts thinking level minimal, low, medium or high</source>
        <translation>{model} 接受的思考等级为最低、低、中或高</translation>
    </message>
    <message>
        <source>{model} takes a thinking level, not a thinking budget</source>
        <translation>{model} 使用思考等级，而非思考预算</translation>
    </message>
    <message>
        <source>{model} takes a thinking budget, not a thinking level</source>
        <translation>{model} 使用思考预算，而非思考等级</translation>
    </message>
    <message>
        <source>{model} calls functions asynchronously (non-blocking) only</source>
        <translation>{model} 只能异步（非阻塞）调用函数</translation>
    </message>
    <message>
        <source>{model} calls functions blocking only</source>
        <translation>{model} 只能阻塞式调用函数</translation>
    </message>
    <message>
        <source>{model} does not support thinking settings</source>
        <translation>{model} 不支持思考设置</translation>
    </message>
    <message>
        <source>{model} has no proactive audio</source>
        <translation>{model} 没有主动音频</translation>
    </message>
    <message>
        <source>{model} has no affective dialog</source>
        <translation>{model} 没有情感对话</translation>
    </message>
    <message>
        <source>{model} needs api_version v1alpha for affective dialog</source>
        <translation>{model} 的情感对话需要 api_version v1alpha</translation>
    </message>
    <message>
        <source>{model} needs api_version v1alpha for proactive audio</source>
        <translation>{model} 的主动音频需要 api_version v1alpha</translation>
    </message>
    <message>
        <source>Non-blocking function calls are not documented for {model}</source>
        <translation>{model} 的文档未说明支持非阻塞函数调用</translation>
    </message>
    <message>
        <source>Live Desktop does not know {model}; nothing is checked</source>
        <translation>Live Desktop 不认识 {model}，不做任何检查</translation>
    </message>
    <message>
        <source>Vertex AI endpoint only (project and location, or express-mode API key).</source>
        <translation>仅限 Vertex AI 端点（项目和位置，或快速模式 API 密钥）。</translation>
    </message>
    <message>
        <source>Audio and video sessions end after 2 minutes without context compression; turn context window compression on to keep talking longer.</source>
        <translation>如果不开启上下文压缩，音视频会话会在 2 分钟后结束；开启上下文窗口压缩即可继续更长时间的对话。</translation>
    </message>
    <message>
        <source>Context compression is on: without it, the service ends audio and video sessions after 2 minutes.</source>
        <translation>上下文压缩已开启：否则服务会在 2 分钟后结束音视频会话。</translation>
    </message>
    <message>
        <source>Using the key you entered (kept for this session only).</source>
        <translation>正在使用你输入的密钥（仅在本次会话中保留）。</translation>
    </message>
    <message>
        <source>Using the key saved in the system keyring.</source>
        <translation>正在使用保存在系统密钥环中的密钥。</translation>
    </message>
    <message>
        <source>Using the key from the {variable} environment variable.</source>
        <translation>正在使用环境变量 {variable} 中的密钥。</translation>
    </message>
    <message>
        <source>No API key is set.</source>
        <translation>未设置 API 密钥。</translation>
    </message>
    <message>
        <source>No system keyring is available; the key is kept for this session only.</source>
        <translation>没有可用的系统密钥环；密钥仅在本次会话中保留。</translation>
    </message>
    <message>
        <source>The system keyring refused the key; it is kept for this session only.</source>
        <translation>系统密钥环拒绝了此密钥；密钥仅在本次会话中保留。</translation>
    </message>
    <message>
        <source>The key was saved in the system keyring.</source>
        <translation>密钥已保存到系统密钥环。</translation>
    </message>
    <message>
        <source>The key was removed.</source>
        <translation>密钥已删除。</translation>
    </message>
    <message>
        <source>The key was forgotten for this session.</source>
        <translation>本次会话已不再使用该密钥。</translation>
    </message>
    <message>
        <source>{variable} is still set in the environment and will be used.</source>
        <translation>环境变量 {variable} 仍已设置，将会使用它。</translation>
    </message>
    <message>
        <source>Offline loopback</source>
        <translation>离线回环</translation>
    </message>
    <message>
        <source>Offline emulator {address}</source>
        <translation>离线模拟器 {address}</translation>
    </message>
    <message>
        <source>Custom endpoint {address}</source>
        <translation>自定义端点 {address}</translation>
    </message>
    <message>
        <source>Vertex AI (express mode)</source>
        <translation>Vertex AI（快速模式）</translation>
    </message>
    <message>
        <source>The microphone “{name}” was not found; using the default microphone.</source>
        <translation>找不到麦克风“{name}”；正在使用默认麦克风。</translation>
    </message>
    <message>
        <source>The speaker “{name}” was not found; using the default speaker.</source>
        <translation>找不到扬声器“{name}”；正在使用默认扬声器。</translation>
    </message>
    <message>
        <source>The microphone “{name}” could not be opened; using the default microphone.</source>
        <translation>无法打开麦克风“{name}”；正在使用默认麦克风。</translation>
    </message>
    <message>
        <source>The speaker “{name}” could not be opened; using the default speaker.</source>
        <translation>无法打开扬声器“{name}”；正在使用默认扬声器。</translation>
    </message>
    <message>
        <source>No microphone was found. Connect one, or check the system&apos;s sound settings.</source>
        <translation>未找到麦克风。请连接麦克风，或检查系统的声音设置。</translation>
    </message>
    <message>
        <source>No speaker was found. Connect one, or check the system&apos;s sound settings.</source>
        <translation>未找到扬声器。请连接扬声器，或检查系统的声音设置。</translation>
    </message>
    <message>
        <source>Could not open “{name}”. Available microphones: {devices}.</source>
        <translation>无法打开“{name}”。可用的麦克风：{devices}。</translation>
    </message>
    <message>
        <source>Could not open “{name}”. Available speakers: {devices}.</source>
        <translation>无法打开“{name}”。可用的扬声器：{devices}。</translation>
    </message>
    <message>
        <source>Could not open the default microphone. Available microphones: {devices}.</source>
        <translation>无法打开默认麦克风。可用的麦克风：{devices}。</translation>
    </message>
    <message>
        <source>Could not open the default speaker. Available speakers: {devices}.</source>
        <translation>无法打开默认扬声器。可用的扬声器：{devices}。</translation>
    </message>
    <message>
        <source>The microphone “{name}” stopped working; switched to the default microphone ({using}).</source>
        <translation>麦克风“{name}”停止工作；已切换到默认麦克风（{using}）。</translation>
    </message>
    <message>
        <source>The speaker “{name}” stopped working; switched to the default speaker ({using}).</source>
        <translation>扬声器“{name}”停止工作；已切换到默认扬声器（{using}）。</translation>
    </message>
    <message>
        <source>The microphone “{name}” was disconnected; using the default microphone until it is back.</source>
        <translation>麦克风“{name}”已断开；在它重新连接前使用默认麦克风。</translation>
    </message>
    <message>
        <source>The speaker “{name}” was disconnected; using the default speaker until it is back.</source>
        <translation>扬声器“{name}”已断开；在它重新连接前使用默认扬声器。</translation>
    </message>
    <message>
        <source>The microphone “{name}” is back and in use again.</source>
        <translation>麦克风“{name}”已重新连接并恢复使用。</translation>
    </message>
    <message>
        <source>The speaker “{name}” is back and in use again.</source>
        <translation>扬声器“{name}”已重新连接并恢复使用。</translation>
    </message>
    <message>
        <source>The sound system could not be loaded (PortAudio is missing); voice is unavailable.</source>
        <translation>无法加载声音系统（缺少 PortAudio）；语音功能不可用。</translation>
    </message>
    <message>
        <source>Echo cancellation is off: its audio processing library could not be loaded. Use headphones, or the assistant may hear itself.</source>
        <translation>回声消除已关闭：无法加载其音频处理库。请使用耳机，否则助手可能会听到自己的声音。</translation>
    </message>
</context>
<context>
    <name>Insight</name>
    <message>
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>prompt {count}</source>
        <translation>输入 {count}</translation>
    </message>
    <message>
        <source>response {count}</source>
        <translation>回复 {count}</translation>
    </message>
    <message>
        <source>Tokens the service counted in this conversation, summed over its {count} usage reports. Each turn&apos;s prompt counts the whole context that turn read.</source>
        <translation>服务在本次对话中统计的 token,为 {count} 份用量报告之和。每一轮的输入都计入该轮读取的全部上下文。</translation>
    </message>
</context>
<context>
    <name>InsightDocks</name>
    <message>
        <source>Event inspector</source>
        <translation>事件检查器</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Event &amp;inspector</source>
        <translation>事件检查器(&amp;I)</translation>
    </message>
    <message>
        <source>Every message to and from the service, with its time, type and size</source>
        <translation>与服务之间往来的每条消息,含时间、类型和大小</translation>
    </message>
    <message>
        <source>Late&amp;ncy</source>
        <translation>延迟(&amp;N)</translation>
    </message>
    <message>
        <source>How long each reply took to be heard, stage by stage</source>
        <translation>每条回复多久后被听到,逐阶段显示</translation>
    </message>
</context>
<context>
    <name>InspectorWidget</name>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S):</translation>
    </message>
    <message>
        <source>Message type filter</source>
        <translation>消息类型筛选</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Freeze the table; messages are still captured and appear on resume</source>
        <translation>冻结表格;消息仍会被捕获,继续后显示</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export JSONL…</source>
        <translation>导出 JSONL(&amp;E)…</translation>
    </message>
    <message>
        <source>Save every captured message as JSON lines, with keys and tokens removed</source>
        <translation>将捕获的每条消息保存为 JSON 行,已去除密钥和令牌</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Selected message</source>
        <translation>所选消息</translation>
    </message>
    <message>
        <source>Select a message to see it in full.</source>
        <translation>选择一条消息以查看完整内容。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>↑ sent</source>
        <translation>↑ 发送</translation>
    </message>
    <message>
        <source>↓ received</source>
        <translation>↓ 接收</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>全部消息</translation>
    </message>
    <message>
        <source>All but audio and video</source>
        <translation>除音频和视频外的全部</translation>
    </message>
    <message>
        <source>{shown} of {total} shown</source>
        <translation>显示 {shown} / {total}</translation>
    </message>
    <message>
        <source>sent {size}</source>
        <translation>已发送 {size}</translation>
    </message>
    <message>
        <source>received {size}</source>
        <translation>已接收 {size}</translation>
    </message>
    <message>
        <source>paused: {count} new</source>
        <translation>已暂停:{count} 条新消息</translation>
    </message>
    <message>
        <source>Export messages</source>
        <translation>导出消息</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;All files (*)</source>
        <translation>JSON 行 (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>无法保存 {path}:{reason}</translation>
    </message>
    <message>
        <source>{count} messages saved to {path}</source>
        <translation>已将 {count} 条消息保存到 {path}</translation>
    </message>
</context>
<context>
    <name>LatencyPanelWidget</name>
    <message>
        <source>no speech end before it (typed, or a second reply)</source>
        <translation>之前没有语音结束(键入的,或第二条回复)</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已打断</translation>
    </message>
    <message>
        <source>playing</source>
        <translation>播放中</translation>
    </message>
    <message>
        <source>not heard (no speaker, or cut off)</source>
        <translation>未听到(没有扬声器,或被切断)</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Speech end →
first audio, ms</source>
        <translation>语音结束 →
首段音频,毫秒</translation>
    </message>
    <message>
        <source>First audio →
audible, ms</source>
        <translation>首段音频 →
可听见,毫秒</translation>
    </message>
    <message>
        <source>Voice-to-
voice, ms</source>
        <translation>语音到
语音,毫秒</translation>
    </message>
    <message>
        <source>Under-
runs</source>
        <translation>欠载</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>From the end of your speech (at the microphone) to the first audio of the reply arriving: the network and the service</source>
        <translation>从您的语音结束(在麦克风处)到回复的首段音频到达:网络和服务</translation>
    </message>
    <message>
        <source>From the reply&apos;s first audio arriving to its first sample at the speaker: decoding, resampling, the jitter buffer and the sound device</source>
        <translation>从回复的首段音频到达到其第一个采样在扬声器播放:解码、重采样、抖动缓冲区和声音设备</translation>
    </message>
    <message>
        <source>Latency per turn</source>
        <translation>每轮延迟</translation>
    </message>
    <message>
        <source>Latency of the last turns</source>
        <translation>最近几轮的延迟</translation>
    </message>
    <message>
        <source>speech end → first audio</source>
        <translation>语音结束 → 首段音频</translation>
    </message>
    <message>
        <source>first audio → audible</source>
        <translation>首段音频 → 可听见</translation>
    </message>
    <message>
        <source>underruns</source>
        <translation>欠载</translation>
    </message>
    <message>
        <source>No reply yet. Speak or type to see each turn here.</source>
        <translation>还没有回复。说话或输入文字,即可在此看到每一轮。</translation>
    </message>
    <message>
        <source>Voice-to-voice: last {ms} ms</source>
        <translation>语音到语音:最近 {ms} 毫秒</translation>
    </message>
    <message>
        <source>median {median} ms, 90th percentile {p90} ms (last {n} turns)</source>
        <translation>中位数 {median} 毫秒,第 90 百分位 {p90} 毫秒(最近 {n} 轮)</translation>
    </message>
    <message>
        <source>jitter buffer underruns: {underruns} in {turns} turns, pre-buffer {ms} ms</source>
        <translation>抖动缓冲区欠载:{turns} 轮中 {underruns} 次,预缓冲 {ms} 毫秒</translation>
    </message>
    <message>
        <source>no speaker: audible times are not measured</source>
        <translation>没有扬声器:不测量可听见的时间</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Disconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>正在断开连接…</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Type a message and press Enter</source>
        <extracomment>View &gt; Language: &quot;&quot; follows the system; the others are catalogs, each named in its own language (with a mnemonic that works on any keyboard layout). The folder recording the current (or last) conversation, if any; the app sets it. File &gt; Export offers its audio as WAV.</extracomment>
        <translation>输入消息后按 Enter 发送</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>发送(&amp;N)</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Connect to the Live API</source>
        <translation>连接到 Live API</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开(&amp;D)</translation>
    </message>
    <message>
        <source>Disconnect from the Live API</source>
        <translation>断开与 Live API 的连接</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The Live API model of this session</source>
        <translation>本次会话使用的 Live API 模型</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Where the conversation goes</source>
        <translation>对话发往何处</translation>
    </message>
    <message>
        <source>Session time</source>
        <translation>会话时长</translation>
    </message>
    <message>
        <source>Tokens used</source>
        <translation>已用令牌</translation>
    </message>
    <message>
        <source>Tokens counted by the service this session</source>
        <translation>本次会话中服务统计的令牌数</translation>
    </message>
    <message>
        <source>Voice-to-voice latency</source>
        <translation>语音到语音延迟</translation>
    </message>
    <message>
        <source>From the end of your speech to the first sound of the reply, last turn</source>
        <translation>上一轮中，从你说完到回复发出第一个声音的时间</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>导出对话(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Recordings…</source>
        <translation>录制内容(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Mute microphone</source>
        <translation>麦克风静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Push-to-talk (hold Space)</source>
        <translation>按键通话（按住空格键）(&amp;P)</translation>
    </message>
    <message>
        <source>Talk only while Space or the Hold to talk button is held</source>
        <translation>仅在按住空格键或“按住说话”按钮时讲话</translation>
    </message>
    <message>
        <source>Go to the &amp;message box</source>
        <translation>转到消息框(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>系统语言(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>关于 {app}(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Offline loopback: no API key was found, so conversations go to a local emulator on this computer. It echoes your voice and answers text with “You said: …”. Add a Gemini API key to talk to Gemini.</source>
        <translation>离线回环：未找到 API 密钥，因此对话会发往本机上的本地模拟器。它会回放你的语音，并以“You said: …”回复文字。添加 Gemini API 密钥即可与 Gemini 对话。</translation>
    </message>
    <message>
        <source>Add API key…</source>
        <translation>添加 API 密钥…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Voice-to-voice {ms} ms</source>
        <translation>语音到语音 {ms} 毫秒</translation>
    </message>
    <message>
        <source>Could not open the log folder. It is {path}</source>
        <translation>无法打开日志文件夹。它位于 {path}</translation>
    </message>
    <message>
        <source>Not connected: your message was kept. Connect, then press Enter.</source>
        <translation>未连接：你的消息已保留。请先连接，再按 Enter。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Reconnected: the conversation goes on where it was.</source>
        <translation>已重新连接：对话从中断处继续。</translation>
    </message>
    <message>
        <source>Reconnecting (attempt {n} of {of})…</source>
        <translation>正在重新连接（第 {n} 次，共 {of} 次）…</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Tokens: {count}</source>
        <translation>令牌：{count}</translation>
    </message>
    <message>
        <source>Session {time}</source>
        <translation>会话 {time}</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>WAV audio of the recording (*.wav)</source>
        <translation>录制内容的 WAV 音频 (*.wav)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Could not save the conversation to {path}: {reason}</source>
        <translation>无法将对话保存到 {path}：{reason}</translation>
    </message>
    <message>
        <source>Conversation saved to {path}</source>
        <translation>对话已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>ManualAnswerDialog</name>
    <message>
        <source>Answer {name}</source>
        <translation>回答 {name}</translation>
    </message>
    <message>
        <source>Gemini called {name}. Type the answer it should get.</source>
        <translation>Gemini 调用了 {name}。请输入它应得到的回答。</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>&amp;Answer:</source>
        <translation>回答(&amp;A)：</translation>
    </message>
    <message>
        <source>Plain text, or JSON such as {&quot;temperature&quot;: 21}</source>
        <translation>纯文本，或 JSON，例如 {&quot;temperature&quot;: 21}</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Send answer</source>
        <translation>发送回答</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>This looks like JSON but is not valid: {error} (line {line}, column {column}). Fix it, or write the answer as plain text.</source>
        <translation>这看起来像 JSON，但无效：{error}（第 {line} 行，第 {column} 列）。请修正，或以纯文本写出回答。</translation>
    </message>
    <message>
        <source>Type an answer, or choose Decline.</source>
        <translation>请输入回答，或选择“拒绝”。</translation>
    </message>
</context>
<context>
    <name>MeterWidget</name>
    <message>
        <source>Speaking</source>
        <translation>正在说话</translation>
    </message>
</context>
<context>
    <name>QtToolHost</name>
    <message>
        <source>Share the clipboard?</source>
        <extracomment>Every text the host shows, marked for lupdate; translated where used.</extracomment>
        <translation>共享剪贴板？</translation>
    </message>
    <message>
        <source>Gemini asks to read your clipboard. This is the text it would get:</source>
        <translation>Gemini 请求读取你的剪贴板。它将得到以下文本：</translation>
    </message>
    <message>
        <source>(The clipboard holds no text.)</source>
        <translation>（剪贴板中没有文本。）</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Don&apos;t share</source>
        <translation>不共享</translation>
    </message>
    <message>
        <source>Copy to the clipboard?</source>
        <translation>复制到剪贴板？</translation>
    </message>
    <message>
        <source>Gemini wants to put this text on your clipboard:</source>
        <translation>Gemini 想把以下文本放到你的剪贴板：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Don&apos;t copy</source>
        <translation>不复制</translation>
    </message>
    <message>
        <source>Open a web page?</source>
        <translation>打开网页？</translation>
    </message>
    <message>
        <source>Gemini wants to open this web page in your browser:</source>
        <translation>Gemini 想在你的浏览器中打开此网页：</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Don&apos;t open</source>
        <translation>不打开</translation>
    </message>
    <message>
        <source>Notification from Gemini: {title}: {message}</source>
        <translation>来自 Gemini 的通知：{title}：{message}</translation>
    </message>
</context>
<context>
    <name>RecordingsDialog</name>
    <message>
        <source>Markdown (*.md)</source>
        <extracomment>Export kinds: suffix -&gt; file dialog filter (marked for lupdate, translated when shown).</extracomment>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>WAV audio (*.wav)</source>
        <translation>WAV 音频 (*.wav)</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>录制内容</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Recorded conversations</source>
        <translation>已录制的对话</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>打开文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Recording now</source>
        <translation>正在录制</translation>
    </message>
    <message>
        <source>Repaired after the app stopped</source>
        <translation>应用停止后已修复</translation>
    </message>
    <message>
        <source>Not closed (repaired at the next start)</source>
        <translation>未关闭（下次启动时修复）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>No conversations have been recorded yet. Recording can be switched on and off in Settings (Advanced).</source>
        <translation>尚未录制任何对话。可以在“设置”（高级）中开启或关闭录制。</translation>
    </message>
    <message>
        <source>Could not save the recording to {path}: {reason}</source>
        <translation>无法将录制内容保存到 {path}：{reason}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Export recording</source>
        <translation>导出录制内容</translation>
    </message>
    <message>
        <source>Could not open the folder. It is {path}</source>
        <translation>无法打开文件夹。它位于 {path}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Settings schema version</source>
        <translation>设置架构版本</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Gemini API, Vertex AI, custom URL or offline emulator</source>
        <translation>Gemini API、Vertex AI、自定义 URL 或离线模拟器</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>身份验证</translation>
    </message>
    <message>
        <source>API key, ephemeral token or Google Cloud credentials</source>
        <translation>API 密钥、临时令牌或 Google Cloud 凭据</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>API 版本</translation>
    </message>
    <message>
        <source>auto: the version the model needs</source>
        <translation>auto：使用模型所需的版本</translation>
    </message>
    <message>
        <source>Google Cloud project</source>
        <translation>Google Cloud 项目</translation>
    </message>
    <message>
        <source>Vertex AI</source>
        <translation>Vertex AI</translation>
    </message>
    <message>
        <source>Google Cloud location</source>
        <translation>Google Cloud 位置</translation>
    </message>
    <message>
        <source>Custom endpoint URL</source>
        <translation>自定义端点 URL</translation>
    </message>
    <message>
        <source>https://host:port; a proxy or test server</source>
        <translation>https://主机:端口；代理或测试服务器</translation>
    </message>
    <message>
        <source>Token endpoint URL</source>
        <translation>令牌端点 URL</translation>
    </message>
    <message>
        <source>your server that hands out ephemeral tokens</source>
        <translation>你自己发放临时令牌的服务器</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Response modality</source>
        <translation>回复方式</translation>
    </message>
    <message>
        <source>audio or text</source>
        <translation>音频或文字</translation>
    </message>
    <message>
        <source>System instruction</source>
        <translation>系统指令</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Maximum output tokens</source>
        <translation>最大输出令牌数</translation>
    </message>
    <message>
        <source>Presence penalty</source>
        <translation>存在惩罚</translation>
    </message>
    <message>
        <source>Frequency penalty</source>
        <translation>频率惩罚</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Media resolution of video frames</source>
        <translation>视频帧的媒体分辨率</translation>
    </message>
    <message>
        <source>Affective dialog</source>
        <translation>情感对话</translation>
    </message>
    <message>
        <source>Proactive audio</source>
        <translation>主动音频</translation>
    </message>
    <message>
        <source>Thinking level</source>
        <translation>思考等级</translation>
    </message>
    <message>
        <source>Thinking budget in tokens</source>
        <translation>思考预算（令牌）</translation>
    </message>
    <message>
        <source>-1 dynamic, 0 off</source>
        <translation>-1 为动态，0 为关闭</translation>
    </message>
    <message>
        <source>Include thought summaries</source>
        <translation>包含思考摘要</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Spoken language</source>
        <translation>口语语言</translation>
    </message>
    <message>
        <source>Automatic voice activity detection</source>
        <translation>自动语音活动检测</translation>
    </message>
    <message>
        <source>Push-to-talk (hold to speak; turns automatic detection off)</source>
        <translation>按键通话（按住说话；会关闭自动检测）</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>按键通话</translation>
    </message>
    <message>
        <source>hold to speak; turns automatic detection off</source>
        <translation>按住说话；会关闭自动检测</translation>
    </message>
    <message>
        <source>Start-of-speech sensitivity</source>
        <translation>语音开始灵敏度</translation>
    </message>
    <message>
        <source>End-of-speech sensitivity</source>
        <translation>语音结束灵敏度</translation>
    </message>
    <message>
        <source>Prefix padding</source>
        <translation>前置填充</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Silence duration</source>
        <translation>静音时长</translation>
    </message>
    <message>
        <source>When you start speaking</source>
        <translation>当你开始说话时</translation>
    </message>
    <message>
        <source>interrupt the model or not</source>
        <translation>是否打断模型</translation>
    </message>
    <message>
        <source>What a turn includes</source>
        <translation>一轮对话包含的内容</translation>
    </message>
    <message>
        <source>Explicit VAD signal (Vertex AI only)</source>
        <translation>显式 VAD 信号（仅限 Vertex AI）</translation>
    </message>
    <message>
        <source>Explicit VAD signal</source>
        <translation>显式 VAD 信号</translation>
    </message>
    <message>
        <source>Vertex AI only</source>
        <translation>仅限 Vertex AI</translation>
    </message>
    <message>
        <source>Transcribe what you say</source>
        <translation>转写你说的话</translation>
    </message>
    <message>
        <source>Transcribe what the model says</source>
        <translation>转写模型说的话</translation>
    </message>
    <message>
        <source>Context window compression (sliding window)</source>
        <translation>上下文窗口压缩（滑动窗口）</translation>
    </message>
    <message>
        <source>Context window compression</source>
        <translation>上下文窗口压缩</translation>
    </message>
    <message>
        <source>sliding window</source>
        <translation>滑动窗口</translation>
    </message>
    <message>
        <source>Compress when the context reaches</source>
        <translation>上下文达到此值时压缩</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Compress down to</source>
        <translation>压缩至</translation>
    </message>
    <message>
        <source>Session resumption</source>
        <translation>会话恢复</translation>
    </message>
    <message>
        <source>Transparent resumption (Vertex AI only)</source>
        <translation>透明恢复（仅限 Vertex AI）</translation>
    </message>
    <message>
        <source>Transparent resumption</source>
        <translation>透明恢复</translation>
    </message>
    <message>
        <source>Local tool: current date and time</source>
        <translation>本地工具：当前日期和时间</translation>
    </message>
    <message>
        <source>Local tool: read the clipboard text (asks each time)</source>
        <translation>本地工具：读取剪贴板文字（每次都询问）</translation>
    </message>
    <message>
        <source>Local tool: read the clipboard text</source>
        <translation>本地工具：读取剪贴板文字</translation>
    </message>
    <message>
        <source>Local tool: write text to the clipboard (asks each time)</source>
        <translation>本地工具：向剪贴板写入文本（每次都询问）</translation>
    </message>
    <message>
        <source>Local tool: write text to the clipboard</source>
        <translation>本地工具：向剪贴板写入文本</translation>
    </message>
    <message>
        <source>asks each time</source>
        <translation>每次都询问</translation>
    </message>
    <message>
        <source>Local tool: take a screenshot and send it as a video frame</source>
        <translation>本地工具：截屏并作为视频帧发送</translation>
    </message>
    <message>
        <source>Local tool: open a web page in the browser (asks first)</source>
        <translation>本地工具：在浏览器中打开网页（先询问）</translation>
    </message>
    <message>
        <source>Local tool: open a web page in the browser</source>
        <translation>本地工具：在浏览器中打开网页</translation>
    </message>
    <message>
        <source>asks first</source>
        <translation>先询问</translation>
    </message>
    <message>
        <source>Local tool: show a desktop notification</source>
        <translation>本地工具：显示桌面通知</translation>
    </message>
    <message>
        <source>Declared functions</source>
        <translation>已声明的函数</translation>
    </message>
    <message>
        <source>Google Search</source>
        <translation>Google 搜索</translation>
    </message>
    <message>
        <source>Code execution</source>
        <translation>代码执行</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Echo cancellation</source>
        <translation>回声消除</translation>
    </message>
    <message>
        <source>Noise suppression</source>
        <translation>噪声抑制</translation>
    </message>
    <message>
        <source>High-pass filter</source>
        <translation>高通滤波器</translation>
    </message>
    <message>
        <source>Automatic gain control</source>
        <translation>自动增益控制</translation>
    </message>
    <message>
        <source>Video source</source>
        <translation>视频源</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Camera index</source>
        <translation>摄像头编号</translation>
    </message>
    <message>
        <source>when the name is not found</source>
        <translation>找不到名称时使用</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <source>0: all screens</source>
        <translation>0：所有屏幕</translation>
    </message>
    <message>
        <source>Video or image file</source>
        <translation>视频或图片文件</translation>
    </message>
    <message>
        <source>Frames sent per second</source>
        <translation>每秒发送帧数</translation>
    </message>
    <message>
        <source>Longest frame side</source>
        <translation>帧的最长边</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>JPEG quality</source>
        <translation>JPEG 质量</translation>
    </message>
    <message>
        <source>Skip frames that did not change (counted and shown)</source>
        <translation>跳过未变化的帧（会计数并显示）</translation>
    </message>
    <message>
        <source>Skip frames that did not change</source>
        <translation>跳过未变化的帧</translation>
    </message>
    <message>
        <source>counted and shown</source>
        <translation>会计数并显示</translation>
    </message>
    <message>
        <source>Screen region</source>
        <translation>屏幕区域</translation>
    </message>
    <message>
        <source>left, top, width, height; empty: whole screen</source>
        <translation>左、上、宽、高；留空：整个屏幕</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>empty: the system&apos;s</source>
        <translation>留空：使用系统语言</translation>
    </message>
    <message>
        <source>Record conversations (transcript and audio, kept on this computer)</source>
        <translation>录制对话（转写文本和音频，保存在本机）</translation>
    </message>
    <message>
        <source>Record conversations</source>
        <translation>录制对话</translation>
    </message>
    <message>
        <source>transcript and audio, kept on this computer</source>
        <translation>转写文本和音频，保存在本机</translation>
    </message>
    <message>
        <source>Keep recordings for</source>
        <translation>录制内容保留</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Function name</source>
        <translation>函数名称</translation>
    </message>
    <message>
        <source>What the function does</source>
        <translation>函数的作用</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>JSON Schema object</source>
        <translation>JSON Schema 对象</translation>
    </message>
    <message>
        <source>Call behaviour</source>
        <translation>调用方式</translation>
    </message>
    <message>
        <source>automatic: non-blocking where the model allows it</source>
        <translation>自动：在模型允许时为非阻塞</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>应答方</translation>
    </message>
    <message>
        <source>you in a dialog, or a local webhook</source>
        <translation>你在对话框中回答，或本地 webhook</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>Webhook URL</translation>
    </message>
    <message>
        <source>the arguments are POSTed as JSON; the reply must be JSON</source>
        <translation>参数以 JSON 通过 POST 发送；回复必须是 JSON</translation>
    </message>
    <message>
        <source>Webhook timeout</source>
        <translation>Webhook 超时</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Connection</source>
        <extracomment>The translation context of the dialog&apos;s own texts. lupdate reads only a literal context, so the markers and translate() calls below spell it out. Tabs: (slug for screenshots, title, [(group title, [setting paths or a marker])]).</extracomment>
        <translation>连接</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>身份验证</translation>
    </message>
    <message>
        <source>Vertex AI</source>
        <translation>Vertex AI</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Model &amp;&amp; voice</source>
        <translation>模型与语音</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Model features</source>
        <translation>模型功能</translation>
    </message>
    <message>
        <source>Transcription</source>
        <translation>转写</translation>
    </message>
    <message>
        <source>Audio &amp;&amp; VAD</source>
        <translation>音频与 VAD</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Turn taking</source>
        <translation>轮流发言</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Built-in tools</source>
        <translation>内置工具</translation>
    </message>
    <message>
        <source>Declared functions</source>
        <translation>已声明的函数</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Long sessions</source>
        <translation>长会话</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Other</source>
        <extracomment>Where a field that no tab lists ends up (a test keeps this group empty).</extracomment>
        <translation>其他</translation>
    </message>
    <message>
        <source>A function name starts with a letter or _ and has at most 64 letters, digits, _ . : or -.</source>
        <extracomment>Sections whose changes the app applies at once; everything else goes into the setup message or picks the endpoint, so it needs a new connection. Validators that check a whole section report there; show their sentence at this field. Pydantic&apos;s wording for a pattern is no use to people; these say what is allowed.</extracomment>
        <translation>函数名称必须以字母或 _ 开头，最多 64 个字符，只能包含字母、数字、_ . : 或 -。</translation>
    </message>
    <message>
        <source>Use a language code such as de, pt_BR or fil, or leave it empty.</source>
        <translation>请使用语言代码（例如 de、pt_BR 或 fil），或留空。</translation>
    </message>
    <message>
        <source>Choose a model or type its name.</source>
        <translation>请选择一个模型或输入其名称。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>When changes take effect</source>
        <extracomment>Where a pasted ephemeral token (auth_tokens/...) goes: beside the key, not over it.</extracomment>
        <translation>更改何时生效</translation>
    </message>
    <message>
        <source>Put every field back to its default; nothing is saved until OK or Apply</source>
        <translation>将所有字段恢复为默认值；点击“确定”或“应用”之前不会保存</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Remove saved key</source>
        <translation>删除已保存的密钥</translation>
    </message>
    <message>
        <source>Delete the key from the system keyring (and from this session)</source>
        <translation>从系统密钥环（以及本次会话）中删除密钥</translation>
    </message>
    <message>
        <source>Where the API key is kept</source>
        <translation>API 密钥的保存位置</translation>
    </message>
    <message>
        <source>A key typed here is saved in the system keyring, never in the settings file.</source>
        <translation>在此输入的密钥会保存在系统密钥环中，绝不会写入设置文件。</translation>
    </message>
    <message>
        <source>Type a new key to replace it</source>
        <translation>输入新密钥以替换</translation>
    </message>
    <message>
        <source>Paste your Gemini API key</source>
        <translation>粘贴你的 Gemini API 密钥</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Connect with the settings shown here (saved or not), wait for the service to accept them, then disconnect</source>
        <translation>使用此处显示的设置（无论是否已保存）进行连接，等待服务接受后再断开</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>连接测试结果</translation>
    </message>
    <message>
        <source>Tests {where}.</source>
        <translation>测试 {where}。</translation>
    </message>
    <message>
        <source>{reason}, so this setting is not sent.</source>
        <translation>{reason}，因此不会发送此设置。</translation>
    </message>
    <message>
        <source>{model} does not accept {setting}. {reason}</source>
        <translation>{model} 不接受{setting}。{reason}</translation>
    </message>
    <message>
        <source>Greyed out, as this model does not accept them: {names}.</source>
        <translation>以下设置已置灰，因为此模型不接受：{names}。</translation>
    </message>
    <message>
        <source>Always on with this model: {names}.</source>
        <translation>此模型始终开启：{names}。</translation>
    </message>
    <message>
        <source>{model} does not accept {setting} “{value}”. {reason}</source>
        <translation>{model} 不接受{setting}“{value}”。{reason}</translation>
    </message>
    <message>
        <source>Function {number} ({name}): {problem}</source>
        <translation>函数 {number}（{name}）：{problem}</translation>
    </message>
    <message>
        <source>Takes effect at the next connection: {names}.</source>
        <translation>下次连接时生效：{names}。</translation>
    </message>
    <message>
        <source>Applies at once: {names}.</source>
        <translation>立即生效：{names}。</translation>
    </message>
    <message>
        <source>The settings could not be saved to {path} ({reason}); they are used until Live Desktop quits.</source>
        <translation>无法将设置保存到 {path}（{reason}）；这些设置将一直使用到 Live Desktop 退出。</translation>
    </message>
    <message>
        <source>Fix the settings marked in red first.</source>
        <translation>请先修正标红的设置。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected to {where} with {model} in {ms} ms.</source>
        <translation>已使用 {model} 连接到 {where}，耗时 {ms} 毫秒。</translation>
    </message>
    <message>
        <source>The connection to {where} failed.</source>
        <translation>连接 {where} 失败。</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>等另外 {count} 项</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source> ms</source>
        <extracomment>The translation context of the dialog&apos;s own texts. lupdate reads only a literal context, so the markers and translate() calls below spell it out. The parenthetical of a description that is a unit becomes the spin box&apos;s suffix.</extracomment>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 令牌</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Gemini API</source>
        <extracomment>What a choice&apos;s values read as. Wrapped for lupdate; translated when the editor is built.</extracomment>
        <translation>Gemini API</translation>
    </message>
    <message>
        <source>Custom URL (a proxy or test server)</source>
        <translation>自定义 URL（代理或测试服务器）</translation>
    </message>
    <message>
        <source>Offline emulator on this computer</source>
        <translation>本机上的离线模拟器</translation>
    </message>
    <message>
        <source>Ephemeral token</source>
        <translation>临时令牌</translation>
    </message>
    <message>
        <source>Google Cloud credentials</source>
        <translation>Google Cloud 凭据</translation>
    </message>
    <message>
        <source>Automatic (what the model needs)</source>
        <translation>自动（使用模型所需的版本）</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Service default</source>
        <extracomment>The label column&apos;s widget; None where the control carries its own text (check boxes). The field column&apos;s widget: the control, and its problem sentence under it.</extracomment>
        <translation>服务默认值</translation>
    </message>
    <message>
        <source>Low (64 tokens per frame)</source>
        <translation>低（每帧 64 个令牌）</translation>
    </message>
    <message>
        <source>Medium (256 tokens per frame)</source>
        <translation>中（每帧 256 个令牌）</translation>
    </message>
    <message>
        <source>High (256 tokens, zoomed reframing)</source>
        <translation>高（256 个令牌，缩放重新取景）</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>模型默认值</translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation>最低</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>High (starts on quieter speech)</source>
        <translation>高（较轻的说话声即可开始）</translation>
    </message>
    <message>
        <source>Low (starts on clearer speech)</source>
        <translation>低（需要更清晰的说话声才开始）</translation>
    </message>
    <message>
        <source>High (ends after shorter pauses)</source>
        <translation>高（较短停顿后即结束）</translation>
    </message>
    <message>
        <source>Low (ends after longer pauses)</source>
        <translation>低（较长停顿后才结束）</translation>
    </message>
    <message>
        <source>Interrupt the model</source>
        <translation>打断模型</translation>
    </message>
    <message>
        <source>Let the model finish</source>
        <translation>让模型说完</translation>
    </message>
    <message>
        <source>Only while you speak</source>
        <translation>仅在你说话时</translation>
    </message>
    <message>
        <source>All input</source>
        <translation>所有输入</translation>
    </message>
    <message>
        <source>Your speech and all video</source>
        <translation>你的语音和所有视频</translation>
    </message>
    <message>
        <source>You, in a dialog</source>
        <translation>你，在对话框中</translation>
    </message>
    <message>
        <source>A webhook (HTTP POST)</source>
        <translation>Webhook（HTTP POST）</translation>
    </message>
    <message>
        <source>Automatic (non-blocking where allowed)</source>
        <translation>自动（允许时为非阻塞）</translation>
    </message>
    <message>
        <source>Blocking (the model waits)</source>
        <translation>阻塞（模型等待结果）</translation>
    </message>
    <message>
        <source>Non-blocking (the model goes on)</source>
        <translation>非阻塞（模型继续进行）</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <source>Video or image file</source>
        <translation>视频或图片文件</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>https://host:port</source>
        <extracomment>Placeholders for text fields whose description hint reads badly as one.</extracomment>
        <translation>https://主机:端口</translation>
    </message>
    <message>
        <source>https://your-server.example.com/live-token</source>
        <translation>https://your-server.example.com/live-token</translation>
    </message>
    <message>
        <source>my-project-id</source>
        <translation>my-project-id</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>All screens</source>
        <extracomment>(decimals, step) of float spin boxes. Where an optional number starts when the user first sets it (a typical value). The text of a spin box at its minimum, where that minimum means something special.</extracomment>
        <translation>所有屏幕</translation>
    </message>
    <message>
        <source>Forever</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>Arabic</source>
        <extracomment>Languages QLocale cannot name from their code.</extracomment>
        <translation>阿拉伯语</translation>
    </message>
    <message>
        <source>Mandarin Chinese (China)</source>
        <translation>普通话（中国）</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Unset: the service&apos;s default is used and nothing is sent</source>
        <translation>不勾选：使用服务的默认值，不发送任何内容</translation>
    </message>
    <message>
        <source>Set {label}</source>
        <translation>设置{label}</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a video or image file</source>
        <translation>选择视频或图片文件</translation>
    </message>
    <message>
        <source>Videos and images (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>视频和图片 (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <source>How the model should behave, in your words</source>
        <translation>用你自己的话描述模型应如何表现</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name}（未连接）</translation>
    </message>
    <message>
        <source>Live Desktop does not know this model: nothing is checked before connecting.</source>
        <translation>Live Desktop 不认识此模型：连接前不做任何检查。</translation>
    </message>
    <message>
        <source>Only this part:</source>
        <translation>仅此区域：</translation>
    </message>
    <message>
        <source>Unset: the whole screen is shared</source>
        <translation>不勾选：共享整个屏幕</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>上</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Add</source>
        <extracomment>An example URL (not words to translate) for an empty webhook URL box.</extracomment>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a function</source>
        <translation>添加函数</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the chosen function</source>
        <translation>删除所选函数</translation>
    </message>
    <message>
        <source>Tells the model when to call it</source>
        <translation>告诉模型何时调用它</translation>
    </message>
    <message>
        <source>No parameters. A JSON Schema object, e.g.
{&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: {}}</source>
        <translation>无参数。可填写 JSON Schema 对象，例如：
{&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: {}}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>{name} (off)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>The parameters of {name} are not valid JSON: {error} (line {line}).</source>
        <translation>{name} 的参数不是有效的 JSON：{error}（第 {line} 行）。</translation>
    </message>
    <message>
        <source>The parameters of {name} must be a JSON object (a JSON Schema).</source>
        <translation>{name} 的参数必须是 JSON 对象（JSON Schema）。</translation>
    </message>
    <message>
        <source>System default</source>
        <extracomment>Device-like fields: (text for None, name of the options callable the dialog passes).</extracomment>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>By index (below)</source>
        <translation>按编号（见下方）</translation>
    </message>
</context>
<context>
    <name>SettingsWiring</name>
    <message>
        <source>Reconnect to use the new settings.</source>
        <extracomment>The turn-taking mode changed during a session: the voice uplink takes it at the next connection, together with the service.</extracomment>
        <translation>重新连接以使用新设置。</translation>
    </message>
</context>
<context>
    <name>TranscriptWidget</name>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Gemini</source>
        <translation>Gemini</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Function call</source>
        <translation>函数调用</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Code result</source>
        <translation>代码结果</translation>
    </message>
    <message>
        <source>Function result</source>
        <translation>函数结果</translation>
    </message>
    <message>
        <source>Function error</source>
        <translation>函数错误</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Conversation transcript</source>
        <translation>对话记录</translation>
    </message>
    <message>
        <source>The conversation will appear here.</source>
        <translation>对话将显示在这里。</translation>
    </message>
    <message>
        <source>voice</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Searched: {queries}</source>
        <translation>已搜索：{queries}</translation>
    </message>
    <message>
        <source>Source: </source>
        <translation>来源：</translation>
    </message>
</context>
<context>
    <name>VideoPreviewWidget</name>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Video source</source>
        <translation>视频源</translation>
    </message>
    <message>
        <source>Video preview</source>
        <translation>视频预览</translation>
    </message>
    <message>
        <source>Video sending</source>
        <translation>视频发送</translation>
    </message>
    <message>
        <source>Video is off. Choose a camera, a screen or a file to show Gemini.</source>
        <translation>视频已关闭。选择摄像头、屏幕或文件展示给 Gemini。</translation>
    </message>
    <message>
        <source>No video</source>
        <translation>无视频</translation>
    </message>
    <message>
        <source>Preview only: frames are sent while connected</source>
        <translation>仅预览：连接后才会发送画面</translation>
    </message>
    <message>
        <source>1 frame/s</source>
        <translation>每秒 1 帧</translation>
    </message>
    <message>
        <source>{count} frames/s</source>
        <translation>每秒 {count} 帧</translation>
    </message>
    <message>
        <source>1 frame every {seconds} s</source>
        <translation>每 {seconds} 秒 1 帧</translation>
    </message>
    <message>
        <source>Sending {rate}</source>
        <translation>正在发送（{rate}）</translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation>已发送 {count} 帧</translation>
    </message>
    <message>
        <source>{count} unchanged skipped</source>
        <translation>跳过 {count} 帧未变化画面</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <source>Starting screen capture…</source>
        <translation>正在启动屏幕捕获…</translation>
    </message>
    <message>
        <source>Opening the video file…</source>
        <translation>正在打开视频文件…</translation>
    </message>
    <message>
        <source>Waiting for the first frame…</source>
        <translation>正在等待第一帧…</translation>
    </message>
</context>
<context>
    <name>VoiceControls</name>
    <message>
        <source>Microphone</source>
        <extracomment>Why there is no audio, as the app said it; None while the meters just say &quot;Off&quot;.</extracomment>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>You are speaking</source>
        <translation>你正在说话</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>麦克风电平</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Gemini is speaking</source>
        <translation>Gemini 正在说话</translation>
    </message>
    <message>
        <source>Speaker level</source>
        <translation>扬声器电平</translation>
    </message>
    <message>
        <source>Mute the microphone</source>
        <translation>将麦克风静音</translation>
    </message>
    <message>
        <source>Stop sending your voice (Ctrl+M)</source>
        <translation>停止发送你的声音（Ctrl+M）</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>按住说话</translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation>按键通话</translation>
    </message>
    <message>
        <source>Hold while you speak, or hold Space (press Esc first if you are typing)</source>
        <translation>说话时按住此按钮，或按住空格键（如果正在输入，请先按 Esc）</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Un&amp;mute</source>
        <translation>取消静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>静音(&amp;M)</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>已静音</translation>
    </message>
</context>
</TS>
