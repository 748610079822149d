<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>not installed</source>
        <translation>não instalado</translation>
    </message>
    <message>
        <source>not available ({reason})</source>
        <translation>indisponível ({reason})</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Sobre o {app}</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Pasta de logs</translation>
    </message>
    <message>
        <source>Real-time voice and video conversations with Gemini through the Live API.</source>
        <translation>Conversas por voz e vídeo em tempo real com o Gemini pela Live API.</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versões</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>&amp;Copiar versões</translation>
    </message>
    <message>
        <source>Copy the versions to the clipboard</source>
        <translation>Copiar as versões para a área de transferência</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Gemini API key</source>
        <translation>Chave de API do Gemini</translation>
    </message>
    <message>
        <source>Ephemeral token</source>
        <extracomment>A microphone peak above this lights &quot;You are speaking&quot; at once; the VAD keeps it lit through quiet syllables and short pauses.</extracomment>
        <translation>Token efêmero</translation>
    </message>
    <message>
        <source>Paste an ephemeral token (auth_tokens/…) from your server:</source>
        <translation>Cole um token efêmero (auth_tokens/…) do seu servidor:</translation>
    </message>
    <message>
        <source>Paste your Gemini API key (from Google AI Studio):</source>
        <translation>Cole sua chave de API do Gemini (do Google AI Studio):</translation>
    </message>
    <message>
        <source>Press Connect to use the token.</source>
        <translation>Pressione Conectar para usar o token.</translation>
    </message>
    <message>
        <source>To use it, choose “Ephemeral token” under Settings &gt; Connection &gt; Authentication.</source>
        <translation>Para usá-lo, escolha “Token efêmero” em Configurações &gt; Conexão &gt; Autenticação.</translation>
    </message>
    <message>
        <source>Press Connect to talk to Gemini (a live session needs a new connection).</source>
        <translation>Clique em Conectar para falar com o Gemini (uma sessão ao vivo precisa de uma nova conexão).</translation>
    </message>
    <message>
        <source>No sound device</source>
        <translation>Sem dispositivo de som</translation>
    </message>
    <message>
        <source>Could not save your settings to {path}: {reason}</source>
        <translation>Não foi possível salvar suas configurações em {path}: {reason}</translation>
    </message>
    <message>
        <source>Push-to-talk will be on from the next connection.</source>
        <translation>O modo aperte para falar será ativado a partir da próxima conexão.</translation>
    </message>
    <message>
        <source>Push-to-talk will be off from the next connection.</source>
        <translation>O modo aperte para falar será desativado a partir da próxima conexão.</translation>
    </message>
    <message>
        <source>Something went wrong inside {app} ({error}). The details are in the log (Help &gt; Open log folder).</source>
        <translation>Algo deu errado no {app} ({error}). Os detalhes estão no log (Ajuda &gt; Abrir pasta de logs).</translation>
    </message>
    <message>
        <source>Choose a video file to share</source>
        <translation>Escolha um arquivo de vídeo para compartilhar</translation>
    </message>
    <message>
        <source>Videos and images (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>Vídeos e imagens (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;Todos os arquivos (*)</translation>
    </message>
</context>
<context>
    <name>ConversationViewModel</name>
    <message>
        <source>Could not connect.</source>
        <extracomment>What the window says when an action itself fails (before the reason).</extracomment>
        <translation>Não foi possível conectar.</translation>
    </message>
    <message>
        <source>Could not disconnect.</source>
        <translation>Não foi possível desconectar.</translation>
    </message>
    <message>
        <source>Could not send the message.</source>
        <translation>Não foi possível enviar a mensagem.</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>The API key was rejected. Check the key in Settings (it may be mistyped, revoked or expired).</source>
        <translation>A chave de API foi recusada. Verifique a chave nas Configurações (ela pode estar digitada errado, revogada ou expirada).</translation>
    </message>
    <message>
        <source>The service rejected the ephemeral token (it expired, was used up or is unknown). Paste a new one, or check the token endpoint in Settings.</source>
        <translation>O serviço recusou o token efêmero (ele expirou, já foi usado ou é desconhecido). Cole um novo ou verifique o endpoint de tokens nas Configurações.</translation>
    </message>
    <message>
        <source>The service did not receive a valid API key. Add your key in Settings.</source>
        <translation>O serviço não recebeu uma chave de API válida. Adicione sua chave nas Configurações.</translation>
    </message>
    <message>
        <source>The model “{model}” is not available for live conversations on this endpoint. Choose another model in Settings.</source>
        <translation>O modelo “{model}” não está disponível para conversas ao vivo neste endpoint. Escolha outro modelo nas Configurações.</translation>
    </message>
    <message>
        <source>The model the chosen model is not available for live conversations on this endpoint. Choose another model in Settings.</source>
        <translation>O modelo escolhido não está disponível para conversas ao vivo neste endpoint. Escolha outro modelo nas Configurações.</translation>
    </message>
    <message>
        <source>The service refused this request: this key or endpoint may not use this feature.</source>
        <translation>O serviço recusou esta solicitação: esta chave ou este endpoint talvez não possa usar este recurso.</translation>
    </message>
    <message>
        <source>The service refused the session (policy violation). The server said: {reason}.</source>
        <translation>O serviço recusou a sessão (violação de política). O servidor disse: {reason}.</translation>
    </message>
    <message>
        <source>The Live API is not available in your location.</source>
        <translation>A Live API não está disponível na sua região.</translation>
    </message>
    <message>
        <source>The conversation outgrew the model&apos;s context window. Turn on context compression in Settings and start a new session.</source>
        <translation>A conversa ultrapassou a janela de contexto do modelo. Ative a compactação de contexto nas Configurações e inicie uma nova sessão.</translation>
    </message>
    <message>
        <source>The service rejected a setting or an input, so the session was closed. The server said: {reason}.</source>
        <translation>O serviço rejeitou uma configuração ou uma entrada, por isso a sessão foi encerrada. O servidor disse: {reason}.</translation>
    </message>
    <message>
        <source>The connection reached the service&apos;s time limit and was closed.</source>
        <translation>A conexão atingiu o tempo limite do serviço e foi encerrada.</translation>
    </message>
    <message>
        <source>The service stopped answering, so the connection was closed.</source>
        <translation>O serviço parou de responder, por isso a conexão foi encerrada.</translation>
    </message>
    <message>
        <source>The service had an internal error and closed the connection.</source>
        <translation>O serviço teve um erro interno e encerrou a conexão.</translation>
    </message>
    <message>
        <source>The connection to the service was lost (network interruption).</source>
        <translation>A conexão com o serviço foi perdida (interrupção da rede).</translation>
    </message>
    <message>
        <source>The session reached the service&apos;s length limit. Turn on context compression for longer conversations.</source>
        <translation>A sessão atingiu o limite de duração do serviço. Ative a compactação de contexto para conversas mais longas.</translation>
    </message>
    <message>
        <source>The service closed the session.</source>
        <translation>O serviço encerrou a sessão.</translation>
    </message>
    <message>
        <source>The service rejected the request ({code}). The server said: {reason}.</source>
        <translation>O serviço rejeitou a solicitação ({code}). O servidor disse: {reason}.</translation>
    </message>
    <message>
        <source>The service had an internal error ({code}).</source>
        <translation>O serviço teve um erro interno ({code}).</translation>
    </message>
    <message>
        <source>The connection closed unexpectedly (code {code}).</source>
        <translation>A conexão foi encerrada inesperadamente (código {code}).</translation>
    </message>
    <message>
        <source>The service&apos;s usage quota or rate limit was reached. Wait a little and try again.</source>
        <translation>A cota de uso ou o limite de taxa do serviço foi atingido. Aguarde um pouco e tente de novo.</translation>
    </message>
    <message>
        <source>{host} accepted the connection but did not start the session in time.</source>
        <translation>{host} aceitou a conexão, mas não iniciou a sessão a tempo.</translation>
    </message>
    <message>
        <source>{host} refused the connection (HTTP {status}). Check the API key or token and that this endpoint allows live sessions.</source>
        <translation>{host} recusou a conexão (HTTP {status}). Verifique a chave de API ou o token e se este endpoint permite sessões ao vivo.</translation>
    </message>
    <message>
        <source>{host} has no Live API at this address (HTTP 404). Check the endpoint URL.</source>
        <translation>{host} não tem a Live API neste endereço (HTTP 404). Verifique a URL do endpoint.</translation>
    </message>
    <message>
        <source>{host} refused the connection (HTTP {status}).</source>
        <translation>{host} recusou a conexão (HTTP {status}).</translation>
    </message>
    <message>
        <source>The endpoint address is not a valid URL. Check it in Settings.</source>
        <translation>O endereço do endpoint não é uma URL válida. Verifique-o nas Configurações.</translation>
    </message>
    <message>
        <source>{host} did not speak the Live API protocol.</source>
        <translation>{host} não respondeu com o protocolo da Live API.</translation>
    </message>
    <message>
        <source>The certificate of {host} is not trusted. For a local or corporate server, point the app at its certificate (--ca-cert or SSL_CERT_FILE).</source>
        <translation>O certificado de {host} não é confiável. Para um servidor local ou corporativo, indique ao app o certificado dele (--ca-cert ou SSL_CERT_FILE).</translation>
    </message>
    <message>
        <source>A secure (TLS) connection to {host} could not be established.</source>
        <translation>Não foi possível estabelecer uma conexão segura (TLS) com {host}.</translation>
    </message>
    <message>
        <source>The service sent a message the app could not read; it was skipped.</source>
        <translation>O serviço enviou uma mensagem que o app não conseguiu ler; ela foi ignorada.</translation>
    </message>
    <message>
        <source>Could not find {host} on the network. Check your internet connection and the endpoint address.</source>
        <translation>Não foi possível encontrar {host} na rede. Verifique sua conexão com a internet e o endereço do endpoint.</translation>
    </message>
    <message>
        <source>{host} refused the connection. Is the server running?</source>
        <translation>{host} recusou a conexão. O servidor está em execução?</translation>
    </message>
    <message>
        <source>Connecting to {host} timed out.</source>
        <translation>O tempo para conectar a {host} se esgotou.</translation>
    </message>
    <message>
        <source>A network error interrupted the connection to {host}: {reason}.</source>
        <translation>Um erro de rede interrompeu a conexão com {host}: {reason}.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong with the session; details are in the log.</source>
        <translation>Algo inesperado deu errado com a sessão; os detalhes estão no log.</translation>
    </message>
    <message>
        <source>the service</source>
        <translation>o serviço</translation>
    </message>
    <message>
        <source>nothing more</source>
        <translation>nada além disso</translation>
    </message>
    <message>
        <source>invalid argument</source>
        <translation>argumento inválido</translation>
    </message>
    <message>
        <source>the Gemini API</source>
        <translation>a Gemini API</translation>
    </message>
    <message>
        <source>Not connected: the message was not sent. Connect first.</source>
        <translation>Sem conexão: a mensagem não foi enviada. Conecte-se primeiro.</translation>
    </message>
    <message>
        <source>Not connected: the tool response was not sent. Connect first.</source>
        <translation>Sem conexão: a resposta da ferramenta não foi enviada. Conecte-se primeiro.</translation>
    </message>
    <message>
        <source>The network is too slow for live audio; some microphone audio was skipped.</source>
        <translation>A rede está lenta demais para áudio ao vivo; parte do áudio do microfone foi descartada.</translation>
    </message>
    <message>
        <source>Your message “{text}” may not have been sent before the connection ended; send it again once connected.</source>
        <translation>Sua mensagem “{text}” talvez não tenha sido enviada antes de a conexão terminar; envie-a de novo quando estiver conectado.</translation>
    </message>
    <message>
        <source>The answer to the tool call ({names}) may not have been sent.</source>
        <translation>A resposta à chamada de ferramenta ({names}) talvez não tenha sido enviada.</translation>
    </message>
    <message>
        <source>Tool call cancelled: {names}</source>
        <translation>Chamada de ferramenta cancelada: {names}</translation>
    </message>
    <message>
        <source>Could not reconnect after {count} attempts. {reason}</source>
        <translation>Não foi possível reconectar após {count} tentativas. {reason}</translation>
    </message>
    <message>
        <source>The model&apos;s reply was cut off when the connection dropped; ask again if you need the rest.</source>
        <translation>A resposta do modelo foi cortada quando a conexão caiu; pergunte de novo se precisar do restante.</translation>
    </message>
    <message>
        <source>The conversation could not be resumed (the service gave no resumption handle), so the model starts afresh without what was said before.</source>
        <translation>Não foi possível retomar a conversa (o serviço não forneceu um identificador de retomada), então o modelo recomeça do zero, sem o que foi dito antes.</translation>
    </message>
    <message>
        <source>About {seconds} s of what you said while reconnecting could not be kept and was not heard.</source>
        <translation>Cerca de {seconds} s do que você disse durante a reconexão não puderam ser guardados e não foram ouvidos.</translation>
    </message>
    <message>
        <source>The conversation of {when} was not closed properly (the app stopped); its recording was repaired: {turns}, {audio}.</source>
        <translation>A conversa de {when} não foi encerrada corretamente (o app parou); a gravação dela foi reparada: {turns}, {audio}.</translation>
    </message>
    <message>
        <source>{count} damaged line(s) of its transcript could not be read and were skipped.</source>
        <translation>{count} linha(s) danificada(s) da transcrição não puderam ser lidas e foram ignoradas.</translation>
    </message>
    <message>
        <source>The recording in {folder} was not closed properly and could not be repaired ({reason}); its files were left as they are.</source>
        <translation>A gravação em {folder} não foi encerrada corretamente e não pôde ser reparada ({reason}); os arquivos dela foram deixados como estavam.</translation>
    </message>
    <message>
        <source>The old recording {path} could not be deleted ({reason}).</source>
        <translation>Não foi possível excluir a gravação antiga {path} ({reason}).</translation>
    </message>
    <message>
        <source>This conversation is not being recorded: {folder} could not be written ({reason}). Check the folder&apos;s permissions and free space.</source>
        <translation>Esta conversa não está sendo gravada: não foi possível escrever em {folder} ({reason}). Verifique as permissões da pasta e o espaço livre.</translation>
    </message>
    <message>
        <source>The recording of this conversation stopped: {folder} could not be written ({reason}). What was recorded until then is kept.</source>
        <translation>A gravação desta conversa parou: não foi possível escrever em {folder} ({reason}). O que foi gravado até então foi mantido.</translation>
    </message>
    <message>
        <source>This recording has no audio (it was made without a sound device).</source>
        <translation>Esta gravação não tem áudio (foi feita sem um dispositivo de som).</translation>
    </message>
    <message>
        <source>This conversation was not recorded, so it has no audio.</source>
        <translation>Esta conversa não foi gravada, então não tem áudio.</translation>
    </message>
    <message>
        <source>1 turn</source>
        <translation>1 turno</translation>
    </message>
    <message>
        <source>{count} turns</source>
        <translation>{count} turnos</translation>
    </message>
    <message>
        <source>{seconds} s of audio</source>
        <translation>{seconds} s de áudio</translation>
    </message>
    <message>
        <source>no audio</source>
        <translation>sem áudio</translation>
    </message>
    <message>
        <source>No ephemeral token is set: paste one (Add key…), or set a token endpoint URL in Settings &gt; Connection.</source>
        <translation>Nenhum token efêmero definido: cole um (Adicionar chave de API…) ou defina a URL de um endpoint de tokens em Configurações &gt; Conexão.</translation>
    </message>
    <message>
        <source>The pasted text is not an ephemeral token: a token starts with auth_tokens/.</source>
        <translation>O texto colado não é um token efêmero: um token começa com auth_tokens/.</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered JSON that is not an object; it must be {&quot;name&quot;: &quot;auth_tokens/...&quot;, &quot;expireTime&quot;: &quot;...&quot;} as auth_tokens.create returns it.</source>
        <translation>O endpoint de tokens {url} respondeu com um JSON que não é um objeto; ele deve ser {&quot;name&quot;: &quot;auth_tokens/...&quot;, &quot;expireTime&quot;: &quot;...&quot;}, como auth_tokens.create o retorna.</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered without a token: its JSON needs a &quot;name&quot; that starts with auth_tokens/ (what auth_tokens.create returns).</source>
        <translation>O endpoint de tokens {url} respondeu sem um token: o JSON precisa de um &quot;name&quot; que comece com auth_tokens/ (o que auth_tokens.create retorna).</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered with a &quot;name&quot; that is not an ephemeral token (a token starts with auth_tokens/).</source>
        <translation>O endpoint de tokens {url} respondeu com um &quot;name&quot; que não é um token efêmero (um token começa com auth_tokens/).</translation>
    </message>
    <message>
        <source>The token endpoint {url} sent a token that had already expired ({field} {deadline} UTC, now {now} UTC); check the clocks of this computer and of that server.</source>
        <translation>O endpoint de tokens {url} enviou um token que já tinha expirado ({field} {deadline} UTC, agora {now} UTC); verifique os relógios deste computador e daquele servidor.</translation>
    </message>
    <message>
        <source>The token endpoint {url} sent {field} “{value}”, which is not a date and time (it should look like 2026-01-01T10:30:00Z).</source>
        <translation>O endpoint de tokens {url} enviou {field} “{value}”, que não é uma data e hora (deveria ter o formato 2026-01-01T10:30:00Z).</translation>
    </message>
    <message>
        <source>The token endpoint {url} sent “uses” that is not a whole number: “{value}”.</source>
        <translation>O endpoint de tokens {url} enviou um “uses” que não é um número inteiro: “{value}”.</translation>
    </message>
    <message>
        <source>The token endpoint {url} did not answer within {seconds} s.</source>
        <translation>O endpoint de tokens {url} não respondeu em {seconds} s.</translation>
    </message>
    <message>
        <source>The certificate of the token endpoint {url} is not trusted ({reason}).</source>
        <translation>O certificado do endpoint de tokens {url} não é confiável ({reason}).</translation>
    </message>
    <message>
        <source>The token endpoint {url} could not be reached ({reason}).</source>
        <translation>Não foi possível acessar o endpoint de tokens {url} ({reason}).</translation>
    </message>
    <message>
        <source>The token endpoint {url} failed: {reason}.</source>
        <translation>O endpoint de tokens {url} falhou: {reason}.</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered HTTP {status}.</source>
        <translation>O endpoint de tokens {url} respondeu HTTP {status}.</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered HTTP {status}: “{text}”.</source>
        <translation>O endpoint de tokens {url} respondeu HTTP {status}: “{text}”.</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered HTTP {status}; redirects are not followed, so set the address it points to.</source>
        <translation>O endpoint de tokens {url} respondeu HTTP {status}; redirecionamentos não são seguidos, então defina o endereço para onde ele aponta.</translation>
    </message>
    <message>
        <source>The token endpoint {url} answered HTTP {status}: “{text}”; redirects are not followed, so set the address it points to.</source>
        <translation>O endpoint de tokens {url} respondeu HTTP {status}: “{text}”; redirecionamentos não são seguidos, então defina o endereço para onde ele aponta.</translation>
    </message>
    <message>
        <source>The token endpoint {url} did not answer with JSON (it sent {kind}: “{text}”).</source>
        <translation>O endpoint de tokens {url} não respondeu com JSON (enviou {kind}: “{text}”).</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>conteúdo sem tipo</translation>
    </message>
    <message>
        <source>Live Desktop could not read its settings file {path} ({reason}), so it started with default settings.</source>
        <translation>O Live Desktop não conseguiu ler o arquivo de configurações {path} ({reason}), por isso iniciou com as configurações padrão.</translation>
    </message>
    <message>
        <source>Your settings file {path} could not be used ({reason}), so Live Desktop started with default settings. The old file was kept as {backup}.</source>
        <translation>Não foi possível usar seu arquivo de configurações {path} ({reason}), por isso o Live Desktop iniciou com as configurações padrão. O arquivo antigo foi guardado como {backup}.</translation>
    </message>
    <message>
        <source>Your settings file {path} could not be used ({reason}), so Live Desktop started with default settings. The old file could not be kept and will be replaced.</source>
        <translation>Não foi possível usar seu arquivo de configurações {path} ({reason}), por isso o Live Desktop iniciou com as configurações padrão. O arquivo antigo não pôde ser guardado e será substituído.</translation>
    </message>
    <message>
        <source>it is not valid JSON: {error}</source>
        <translation>não é um JSON válido: {error}</translation>
    </message>
    <message>
        <source>it does not hold a settings object</source>
        <translation>não contém um objeto de configurações</translation>
    </message>
    <message>
        <source>it has no valid schema version</source>
        <translation>não tem uma versão de esquema válida</translation>
    </message>
    <message>
        <source>schema version {version} cannot be migrated</source>
        <translation>a versão de esquema {version} não pode ser migrada</translation>
    </message>
    <message>
        <source>invalid values: {errors}</source>
        <translation>valores inválidos: {errors}</translation>
    </message>
    <message>
        <source>Your settings were saved by a newer version of Live Desktop (schema {version}); this version uses the options it knows and ignores the rest.</source>
        <translation>Suas configurações foram salvas por uma versão mais nova do Live Desktop (esquema {version}); esta versão usa as opções que conhece e ignora o resto.</translation>
    </message>
    <message>
        <source>Some saved settings are not known to this version and were ignored: {keys}. They will be dropped the next time settings are saved.</source>
        <translation>Algumas configurações salvas não são conhecidas por esta versão e foram ignoradas: {keys}. Elas serão descartadas na próxima vez que as configurações forem salvas.</translation>
    </message>
    <message>
        <source>Live Desktop does not know the model {model}; every setting you chose is sent as is, and the service will refuse any it does not accept.</source>
        <translation>O Live Desktop não conhece o modelo {model}; todas as configurações escolhidas são enviadas como estão, e o serviço recusará as que não aceitar.</translation>
    </message>
    <message>
        <source>{name} ({model}) is served by {where} only; choose that endpoint or another model.</source>
        <translation>{name} ({model}) só está disponível em {where}; escolha esse endpoint ou outro modelo.</translation>
    </message>
    <message>
        <source>{setting} &quot;{value}&quot; is not available on {model}: {reason}.</source>
        <translation>{setting} &quot;{value}&quot; não está disponível em {model}: {reason}.</translation>
    </message>
    <message>
        <source>{setting} is not available on {model}: {reason}.</source>
        <translation>{setting} não está disponível em {model}: {reason}.</translation>
    </message>
    <message>
        <source>Ephemeral tokens work with the Gemini API only, not with Vertex AI.</source>
        <translation>Tokens efêmeros funcionam apenas com a Gemini API, não com a Vertex AI.</translation>
    </message>
    <message>
        <source>Vertex AI needs a Google Cloud project (or use an API key in express mode).</source>
        <translation>A Vertex AI precisa de um projeto do Google Cloud (ou use uma chave de API no modo expresso).</translation>
    </message>
    <message>
        <source>Vertex AI needs a location.</source>
        <translation>A Vertex AI precisa de uma região.</translation>
    </message>
    <message>
        <source>Vertex AI serves the Live API as v1 or v1beta1, not {version}.</source>
        <translation>A Vertex AI oferece a Live API como v1 ou v1beta1, não {version}.</translation>
    </message>
    <message>
        <source>Google Cloud credentials work with Vertex AI only; use an API key or an ephemeral token.</source>
        <translation>Credenciais do Google Cloud funcionam apenas com a Vertex AI; use uma chave de API ou um token efêmero.</translation>
    </message>
    <message>
        <source>v1beta1 is a Vertex AI version; the Gemini API uses v1alpha, v1beta or v1.</source>
        <translation>v1beta1 é uma versão da Vertex AI; a Gemini API usa v1alpha, v1beta ou v1.</translation>
    </message>
    <message>
        <source>Ephemeral tokens need api_version v1alpha, not {version}.</source>
        <translation>Tokens efêmeros precisam de api_version v1alpha, não {version}.</translation>
    </message>
    <message>
        <source>Transparent resumption works on Vertex AI only; the Gemini API rejects it for {model}.</source>
        <translation>A retomada transparente funciona apenas na Vertex AI; a Gemini API a rejeita para {model}.</translation>
    </message>
    <message>
        <source>The explicit VAD signal works on Vertex AI only; the Gemini API rejects it for {model}.</source>
        <translation>O sinal de VAD explícito funciona apenas na Vertex AI; a Gemini API o rejeita para {model}.</translation>
    </message>
    <message>
        <source>{setting} needs api_version {version} on {model}, but the connection is pinned to {pinned}.</source>
        <translation>{setting} precisa de api_version {version} em {model}, mas a conexão está fixada em {pinned}.</translation>
    </message>
    <message>
        <source>The custom endpoint needs a URL such as https://proxy.example.com.</source>
        <translation>O endpoint personalizado precisa de uma URL como https://proxy.example.com.</translation>
    </message>
    <message>
        <source>The custom endpoint {url} is not an https:// URL.</source>
        <translation>O endpoint personalizado {url} não é uma URL https://.</translation>
    </message>
    <message>
        <source>The custom endpoint {url} is not encrypted; use https:// (plain http:// is allowed only for this computer).</source>
        <translation>O endpoint personalizado {url} não é criptografado; use https:// (http:// simples só é permitido para este computador).</translation>
    </message>
    <message>
        <source>The token endpoint {url} is not an https:// URL.</source>
        <translation>O endpoint de tokens {url} não é uma URL https://.</translation>
    </message>
    <message>
        <source>The token endpoint {url} is not encrypted; use https:// (plain http:// is allowed only for this computer).</source>
        <translation>O endpoint de tokens {url} não é criptografado; use https:// (http:// simples só é permitido para este computador).</translation>
    </message>
    <message>
        <source>The endpoint {url} is not an https:// URL.</source>
        <translation>O endpoint {url} não é uma URL https://.</translation>
    </message>
    <message>
        <source>The endpoint {url} is not encrypted; use https:// (plain http:// is allowed only for this computer).</source>
        <translation>O endpoint {url} não é criptografado; use https:// (http:// simples só é permitido para este computador).</translation>
    </message>
    <message>
        <source>Two tools are called {name}; function names must be unique.</source>
        <translation>Duas ferramentas se chamam {name}; os nomes das funções devem ser únicos.</translation>
    </message>
    <message>
        <source>The parameters of {name} must be a JSON Schema of type object.</source>
        <translation>Os parâmetros de {name} devem ser um JSON Schema do tipo object.</translation>
    </message>
    <message>
        <source>{name} is answered by a webhook but has no webhook URL (such as http://127.0.0.1:8000/tools).</source>
        <translation>{name} é respondida por um webhook, mas não tem URL de webhook (como http://127.0.0.1:8000/tools).</translation>
    </message>
    <message>
        <source>The webhook URL of {name}, {url}, is not an http:// or https:// URL.</source>
        <translation>A URL de webhook de {name}, {url}, não é uma URL http:// ou https://.</translation>
    </message>
    <message>
        <source>The webhook URL of {name} is not encrypted and not on this computer: the arguments would cross the network in clear text. Use https:// for a remote host.</source>
        <translation>A URL de webhook de {name} não é criptografada nem fica neste computador: os argumentos atravessariam a rede sem criptografia. Use https:// para um host remoto.</translation>
    </message>
    <message>
        <source>The compression target must be below the trigger.</source>
        <translation>O alvo da compactação deve ficar abaixo do gatilho.</translation>
    </message>
    <message>
        <source>A screen region needs left, top &gt;= 0 and a width and height &gt;= 1.</source>
        <translation>Uma região da tela precisa de esquerda e topo &gt;= 0 e de largura e altura &gt;= 1.</translation>
    </message>
    <message>
        <source>{model} answers with audio only; turn on output transcription for text</source>
        <translation>{model} responde apenas com áudio; ative a transcrição da saída para ter texto</translation>
    </message>
    <message>
        <source>{model} is a native-audio model; en-AU, en-GB, es-ES, fr-CA, gu-IN, kn-IN, ml-IN and cmn-CN are not available for native audio</source>
        <translation>{model} é um modelo de áudio nativo; en-AU, en-GB, es-ES, fr-CA, gu-IN, kn-IN, ml-IN e cmn-CN não estão disponíveis para áudio nativo</translation>
    </message>
    <message>
        <source>Live models on the Gemini API do not run code execution</source>
        <translation>Os modelos Live na Gemini API não fazem execução de código</translation>
    </message>
    <message>
        <source>{model} always has proactive audio on</source>
        <translation>{model} sempre tem o áudio proativo ativado</translation>
    </message>
    <message>
        <source>Affective dialog was removed from {model}</source>
        <translation>O diálogo afetivo foi removido do {model}</translation>
    </message>
    <message>
        <source>Transparent resumption is available on Vertex AI only</source>
        <translation>A retomada transparente só está disponível na Vertex AI</translation>
    </message>
    <message>
        <source>The explicit VAD signal is available on Vertex AI only</source>
        <translation>O sinal de VAD explícito só está disponível na Vertex AI</translation>
    </message>
    <message>
        <source>{model} accepts thinking level low, medium or high</source>
        <translation>{model} aceita nível de raciocínio baixo, médio ou alto</translation>
    </message>
    <message>
        <source>{model} accepts thinking level minimal, low, medium or high</source>
        <translation>{model} aceita nível de raciocínio mínimo, baixo, médio ou alto</translation>
    </message>
    <message>
        <source>{model} takes a thinking level, not a thinking budget</source>
        <translation>{model} usa um nível de raciocínio, não um orçamento de raciocínio</translation>
    </message>
    <message>
        <source>{model} takes a thinking budget, not a thinking level</source>
        <translation>{model} usa um orçamento de raciocínio, não um nível de raciocínio</translation>
    </message>
    <message>
        <source>{model} calls functions asynchronously (non-blocking) only</source>
        <translation>{model} chama funções apenas de forma assíncrona (sem bloqueio)</translation>
    </message>
    <message>
        <source>{model} calls functions blocking only</source>
        <translation>{model} chama funções apenas com bloqueio</translation>
    </message>
    <message>
        <source>{model} does not support thinking settings</source>
        <translation>{model} não aceita configurações de raciocínio</translation>
    </message>
    <message>
        <source>{model} has no proactive audio</source>
        <translation>{model} não tem áudio proativo</translation>
    </message>
    <message>
        <source>{model} has no affective dialog</source>
        <translation>{model} não tem diálogo afetivo</translation>
    </message>
    <message>
        <source>{model} needs api_version v1alpha for affective dialog</source>
        <translation>{model} precisa de api_version v1alpha para o diálogo afetivo</translation>
    </message>
    <message>
        <source>{model} needs api_version v1alpha for proactive audio</source>
        <translation>{model} precisa de api_version v1alpha para o áudio proativo</translation>
    </message>
    <message>
        <source>Non-blocking function calls are not documented for {model}</source>
        <translation>Chamadas de função sem bloqueio não são documentadas para {model}</translation>
    </message>
    <message>
        <source>Live Desktop does not know {model}; nothing is checked</source>
        <translation>O Live Desktop não conhece {model}; nada é verificado</translation>
    </message>
    <message>
        <source>Vertex AI endpoint only (project and location, or express-mode API key).</source>
        <translation>Somente no endpoint da Vertex AI (projeto e região, ou chave de API no modo expresso).</translation>
    </message>
    <message>
        <source>Audio and video sessions end after 2 minutes without context compression; turn context window compression on to keep talking longer.</source>
        <translation>Sessões com áudio e vídeo terminam após 2 minutos sem compactação de contexto; ative a compactação da janela de contexto para conversar por mais tempo.</translation>
    </message>
    <message>
        <source>Context compression is on: without it, the service ends audio and video sessions after 2 minutes.</source>
        <translation>A compactação de contexto está ativada: sem ela, o serviço encerra sessões com áudio e vídeo após 2 minutos.</translation>
    </message>
    <message>
        <source>Using the key you entered (kept for this session only).</source>
        <translation>Usando a chave que você digitou (guardada só nesta sessão).</translation>
    </message>
    <message>
        <source>Using the key saved in the system keyring.</source>
        <translation>Usando a chave salva no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>Using the key from the {variable} environment variable.</source>
        <translation>Usando a chave da variável de ambiente {variable}.</translation>
    </message>
    <message>
        <source>No API key is set.</source>
        <translation>Nenhuma chave de API definida.</translation>
    </message>
    <message>
        <source>No system keyring is available; the key is kept for this session only.</source>
        <translation>Não há chaveiro do sistema disponível; a chave fica guardada só nesta sessão.</translation>
    </message>
    <message>
        <source>The system keyring refused the key; it is kept for this session only.</source>
        <translation>O chaveiro do sistema recusou a chave; ela fica guardada só nesta sessão.</translation>
    </message>
    <message>
        <source>The key was saved in the system keyring.</source>
        <translation>A chave foi salva no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>The key was removed.</source>
        <translation>A chave foi removida.</translation>
    </message>
    <message>
        <source>The key was forgotten for this session.</source>
        <translation>A chave foi esquecida nesta sessão.</translation>
    </message>
    <message>
        <source>{variable} is still set in the environment and will be used.</source>
        <translation>{variable} ainda está definida no ambiente e será usada.</translation>
    </message>
    <message>
        <source>Offline loopback</source>
        <translation>Loopback offline</translation>
    </message>
    <message>
        <source>Offline emulator {address}</source>
        <translation>Emulador offline {address}</translation>
    </message>
    <message>
        <source>Custom endpoint {address}</source>
        <translation>Endpoint personalizado {address}</translation>
    </message>
    <message>
        <source>Vertex AI (express mode)</source>
        <translation>Vertex AI (modo expresso)</translation>
    </message>
    <message>
        <source>The microphone “{name}” was not found; using the default microphone.</source>
        <translation>O microfone “{name}” não foi encontrado; usando o microfone padrão.</translation>
    </message>
    <message>
        <source>The speaker “{name}” was not found; using the default speaker.</source>
        <translation>O alto-falante “{name}” não foi encontrado; usando o alto-falante padrão.</translation>
    </message>
    <message>
        <source>The microphone “{name}” could not be opened; using the default microphone.</source>
        <translation>Não foi possível abrir o microfone “{name}”; usando o microfone padrão.</translation>
    </message>
    <message>
        <source>The speaker “{name}” could not be opened; using the default speaker.</source>
        <translation>Não foi possível abrir o alto-falante “{name}”; usando o alto-falante padrão.</translation>
    </message>
    <message>
        <source>No microphone was found. Connect one, or check the system&apos;s sound settings.</source>
        <translation>Nenhum microfone foi encontrado. Conecte um ou verifique as configurações de som do sistema.</translation>
    </message>
    <message>
        <source>No speaker was found. Connect one, or check the system&apos;s sound settings.</source>
        <translation>Nenhum alto-falante foi encontrado. Conecte um ou verifique as configurações de som do sistema.</translation>
    </message>
    <message>
        <source>Could not open “{name}”. Available microphones: {devices}.</source>
        <translation>Não foi possível abrir “{name}”. Microfones disponíveis: {devices}.</translation>
    </message>
    <message>
        <source>Could not open “{name}”. Available speakers: {devices}.</source>
        <translation>Não foi possível abrir “{name}”. Alto-falantes disponíveis: {devices}.</translation>
    </message>
    <message>
        <source>Could not open the default microphone. Available microphones: {devices}.</source>
        <translation>Não foi possível abrir o microfone padrão. Microfones disponíveis: {devices}.</translation>
    </message>
    <message>
        <source>Could not open the default speaker. Available speakers: {devices}.</source>
        <translation>Não foi possível abrir o alto-falante padrão. Alto-falantes disponíveis: {devices}.</translation>
    </message>
    <message>
        <source>The microphone “{name}” stopped working; switched to the default microphone ({using}).</source>
        <translation>O microfone “{name}” parou de funcionar; mudamos para o microfone padrão ({using}).</translation>
    </message>
    <message>
        <source>The speaker “{name}” stopped working; switched to the default speaker ({using}).</source>
        <translation>O alto-falante “{name}” parou de funcionar; mudamos para o alto-falante padrão ({using}).</translation>
    </message>
    <message>
        <source>The microphone “{name}” was disconnected; using the default microphone until it is back.</source>
        <translation>O microfone “{name}” foi desconectado; usando o microfone padrão até ele voltar.</translation>
    </message>
    <message>
        <source>The speaker “{name}” was disconnected; using the default speaker until it is back.</source>
        <translation>O alto-falante “{name}” foi desconectado; usando o alto-falante padrão até ele voltar.</translation>
    </message>
    <message>
        <source>The microphone “{name}” is back and in use again.</source>
        <translation>O microfone “{name}” voltou e está em uso de novo.</translation>
    </message>
    <message>
        <source>The speaker “{name}” is back and in use again.</source>
        <translation>O alto-falante “{name}” voltou e está em uso de novo.</translation>
    </message>
    <message>
        <source>The sound system could not be loaded (PortAudio is missing); voice is unavailable.</source>
        <translation>Não foi possível carregar o sistema de som (falta o PortAudio); a voz está indisponível.</translation>
    </message>
    <message>
        <source>Echo cancellation is off: its audio processing library could not be loaded. Use headphones, or the assistant may hear itself.</source>
        <translation>O cancelamento de eco está desativado: não foi possível carregar a biblioteca de processamento de áudio. Use fones de ouvido, ou o assistente pode ouvir a si mesmo.</translation>
    </message>
</context>
<context>
    <name>Insight</name>
    <message>
        <source>audio</source>
        <translation>áudio</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>video</source>
        <translation>vídeo</translation>
    </message>
    <message>
        <source>image</source>
        <translation>imagem</translation>
    </message>
    <message>
        <source>document</source>
        <translation>documento</translation>
    </message>
    <message>
        <source>prompt {count}</source>
        <translation>entrada {count}</translation>
    </message>
    <message>
        <source>response {count}</source>
        <translation>resposta {count}</translation>
    </message>
    <message>
        <source>Tokens the service counted in this conversation, summed over its {count} usage reports. Each turn&apos;s prompt counts the whole context that turn read.</source>
        <translation>Tokens contados pelo serviço nesta conversa, somados em seus {count} relatórios de uso. A entrada de cada turno conta todo o contexto que o turno leu.</translation>
    </message>
</context>
<context>
    <name>InsightDocks</name>
    <message>
        <source>Event inspector</source>
        <translation>Inspetor de eventos</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latência</translation>
    </message>
    <message>
        <source>Event &amp;inspector</source>
        <translation>&amp;Inspetor de eventos</translation>
    </message>
    <message>
        <source>Every message to and from the service, with its time, type and size</source>
        <translation>Todas as mensagens de e para o serviço, com horário, tipo e tamanho</translation>
    </message>
    <message>
        <source>Late&amp;ncy</source>
        <translation>Latê&amp;ncia</translation>
    </message>
    <message>
        <source>How long each reply took to be heard, stage by stage</source>
        <translation>Quanto tempo cada resposta levou para ser ouvida, etapa por etapa</translation>
    </message>
</context>
<context>
    <name>InspectorWidget</name>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <source>Message type filter</source>
        <translation>Filtro por tipo de mensagem</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Retomar</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>Freeze the table; messages are still captured and appear on resume</source>
        <translation>Congela a tabela; as mensagens continuam sendo capturadas e aparecem ao retomar</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Limpar</translation>
    </message>
    <message>
        <source>&amp;Export JSONL…</source>
        <translation>&amp;Exportar JSONL…</translation>
    </message>
    <message>
        <source>Save every captured message as JSON lines, with keys and tokens removed</source>
        <translation>Salva todas as mensagens capturadas como linhas JSON, sem chaves nem tokens</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>Selected message</source>
        <translation>Mensagem selecionada</translation>
    </message>
    <message>
        <source>Select a message to see it in full.</source>
        <translation>Selecione uma mensagem para vê-la inteira.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Horário</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direção</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <source>↑ sent</source>
        <translation>↑ enviada</translation>
    </message>
    <message>
        <source>↓ received</source>
        <translation>↓ recebida</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>Todas as mensagens</translation>
    </message>
    <message>
        <source>All but audio and video</source>
        <translation>Todas menos áudio e vídeo</translation>
    </message>
    <message>
        <source>{shown} of {total} shown</source>
        <translation>{shown} de {total} exibidas</translation>
    </message>
    <message>
        <source>sent {size}</source>
        <translation>enviado {size}</translation>
    </message>
    <message>
        <source>received {size}</source>
        <translation>recebido {size}</translation>
    </message>
    <message>
        <source>paused: {count} new</source>
        <translation>pausado: {count} novas</translation>
    </message>
    <message>
        <source>Export messages</source>
        <translation>Exportar mensagens</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;All files (*)</source>
        <translation>Linhas JSON (*.jsonl);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>Não foi possível salvar {path}: {reason}</translation>
    </message>
    <message>
        <source>{count} messages saved to {path}</source>
        <translation>{count} mensagens salvas em {path}</translation>
    </message>
</context>
<context>
    <name>LatencyPanelWidget</name>
    <message>
        <source>no speech end before it (typed, or a second reply)</source>
        <translation>sem fim de fala antes (digitada, ou uma segunda resposta)</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrompida</translation>
    </message>
    <message>
        <source>playing</source>
        <translation>tocando</translation>
    </message>
    <message>
        <source>not heard (no speaker, or cut off)</source>
        <translation>não ouvida (sem alto-falante, ou cortada)</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Speech end →
first audio, ms</source>
        <translation>Fim da fala →
primeiro áudio, ms</translation>
    </message>
    <message>
        <source>First audio →
audible, ms</source>
        <translation>Primeiro áudio →
audível, ms</translation>
    </message>
    <message>
        <source>Voice-to-
voice, ms</source>
        <translation>Voz a
voz, ms</translation>
    </message>
    <message>
        <source>Under-
runs</source>
        <translation>Falhas de
buffer</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Observações</translation>
    </message>
    <message>
        <source>From the end of your speech (at the microphone) to the first audio of the reply arriving: the network and the service</source>
        <translation>Do fim da sua fala (no microfone) até a chegada do primeiro áudio da resposta: a rede e o serviço</translation>
    </message>
    <message>
        <source>From the reply&apos;s first audio arriving to its first sample at the speaker: decoding, resampling, the jitter buffer and the sound device</source>
        <translation>Da chegada do primeiro áudio da resposta até sua primeira amostra no alto-falante: decodificação, reamostragem, o buffer de jitter e o dispositivo de som</translation>
    </message>
    <message>
        <source>Latency per turn</source>
        <translation>Latência por turno</translation>
    </message>
    <message>
        <source>Latency of the last turns</source>
        <translation>Latência dos últimos turnos</translation>
    </message>
    <message>
        <source>speech end → first audio</source>
        <translation>fim da fala → primeiro áudio</translation>
    </message>
    <message>
        <source>first audio → audible</source>
        <translation>primeiro áudio → audível</translation>
    </message>
    <message>
        <source>underruns</source>
        <translation>falhas de buffer</translation>
    </message>
    <message>
        <source>No reply yet. Speak or type to see each turn here.</source>
        <translation>Nenhuma resposta ainda. Fale ou digite para ver cada turno aqui.</translation>
    </message>
    <message>
        <source>Voice-to-voice: last {ms} ms</source>
        <translation>Voz a voz: último {ms} ms</translation>
    </message>
    <message>
        <source>median {median} ms, 90th percentile {p90} ms (last {n} turns)</source>
        <translation>mediana {median} ms, percentil 90 {p90} ms (últimos {n} turnos)</translation>
    </message>
    <message>
        <source>jitter buffer underruns: {underruns} in {turns} turns, pre-buffer {ms} ms</source>
        <translation>falhas do buffer de jitter: {underruns} em {turns} turnos, pré-buffer {ms} ms</translation>
    </message>
    <message>
        <source>no speaker: audible times are not measured</source>
        <translation>sem alto-falante: os tempos audíveis não são medidos</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Disconnected</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>Desconectando…</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>Falha na conexão</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Escuro</translation>
    </message>
    <message>
        <source>Type a message and press Enter</source>
        <extracomment>View &gt; Language: &quot;&quot; follows the system; the others are catalogs, each named in its own language (with a mnemonic that works on any keyboard layout). The folder recording the current (or last) conversation, if any; the app sets it. File &gt; Export offers its audio as WAV.</extracomment>
        <translation>Digite uma mensagem e pressione Enter</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>E&amp;nviar</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Enviar mensagem</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Conectar</translation>
    </message>
    <message>
        <source>Connect to the Live API</source>
        <translation>Conectar à Live API</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Desconectar</translation>
    </message>
    <message>
        <source>Disconnect from the Live API</source>
        <translation>Desconectar da Live API</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Estado da conexão</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>The Live API model of this session</source>
        <translation>O modelo da Live API desta sessão</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Where the conversation goes</source>
        <translation>Para onde a conversa vai</translation>
    </message>
    <message>
        <source>Session time</source>
        <translation>Tempo de sessão</translation>
    </message>
    <message>
        <source>Tokens used</source>
        <translation>Tokens usados</translation>
    </message>
    <message>
        <source>Tokens counted by the service this session</source>
        <translation>Tokens contados pelo serviço nesta sessão</translation>
    </message>
    <message>
        <source>Voice-to-voice latency</source>
        <translation>Latência de voz a voz</translation>
    </message>
    <message>
        <source>From the end of your speech to the first sound of the reply, last turn</source>
        <translation>Do fim da sua fala ao primeiro som da resposta, no último turno</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>&amp;Exportar conversa…</translation>
    </message>
    <message>
        <source>&amp;Recordings…</source>
        <translation>&amp;Gravações…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sessão</translation>
    </message>
    <message>
        <source>&amp;Mute microphone</source>
        <translation>Silenciar &amp;microfone</translation>
    </message>
    <message>
        <source>&amp;Push-to-talk (hold Space)</source>
        <translation>&amp;Aperte para falar (segure Espaço)</translation>
    </message>
    <message>
        <source>Talk only while Space or the Hold to talk button is held</source>
        <translation>Falar somente enquanto Espaço ou o botão Segure para falar estiver pressionado</translation>
    </message>
    <message>
        <source>Go to the &amp;message box</source>
        <translation>Ir para a caixa de me&amp;nsagem</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>Idioma do &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>&amp;Sobre o {app}</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Abrir pasta de &amp;logs</translation>
    </message>
    <message>
        <source>Offline loopback: no API key was found, so conversations go to a local emulator on this computer. It echoes your voice and answers text with “You said: …”. Add a Gemini API key to talk to Gemini.</source>
        <translation>Loopback offline: nenhuma chave de API foi encontrada, então as conversas vão para um emulador local neste computador. Ele repete sua voz e responde texto com “You said: …”. Adicione uma chave de API do Gemini para falar com o Gemini.</translation>
    </message>
    <message>
        <source>Add API key…</source>
        <translation>Adicionar chave de API…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
    <message>
        <source>Voice-to-voice {ms} ms</source>
        <translation>Voz a voz {ms} ms</translation>
    </message>
    <message>
        <source>Could not open the log folder. It is {path}</source>
        <translation>Não foi possível abrir a pasta de logs. Ela fica em {path}</translation>
    </message>
    <message>
        <source>Not connected: your message was kept. Connect, then press Enter.</source>
        <translation>Sem conexão: sua mensagem foi mantida. Conecte-se e pressione Enter.</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Reconnected: the conversation goes on where it was.</source>
        <translation>Reconectado: a conversa continua de onde parou.</translation>
    </message>
    <message>
        <source>Reconnecting (attempt {n} of {of})…</source>
        <translation>Reconectando (tentativa {n} de {of})…</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconectar</translation>
    </message>
    <message>
        <source>Tokens: {count}</source>
        <translation>Tokens: {count}</translation>
    </message>
    <message>
        <source>Session {time}</source>
        <translation>Sessão {time}</translation>
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
        <translation>Áudio WAV da gravação (*.wav)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exportar conversa</translation>
    </message>
    <message>
        <source>Could not save the conversation to {path}: {reason}</source>
        <translation>Não foi possível salvar a conversa em {path}: {reason}</translation>
    </message>
    <message>
        <source>Conversation saved to {path}</source>
        <translation>Conversa salva em {path}</translation>
    </message>
</context>
<context>
    <name>ManualAnswerDialog</name>
    <message>
        <source>Answer {name}</source>
        <translation>Responder {name}</translation>
    </message>
    <message>
        <source>Gemini called {name}. Type the answer it should get.</source>
        <translation>O Gemini chamou {name}. Digite a resposta que ele deve receber.</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>Argumentos:</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumentos</translation>
    </message>
    <message>
        <source>&amp;Answer:</source>
        <translation>&amp;Resposta:</translation>
    </message>
    <message>
        <source>Plain text, or JSON such as {&quot;temperature&quot;: 21}</source>
        <translation>Texto simples ou JSON, como {&quot;temperature&quot;: 21}</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <source>Send answer</source>
        <translation>Enviar resposta</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Recusar</translation>
    </message>
    <message>
        <source>This looks like JSON but is not valid: {error} (line {line}, column {column}). Fix it, or write the answer as plain text.</source>
        <translation>Parece JSON, mas não é válido: {error} (linha {line}, coluna {column}). Corrija ou escreva a resposta como texto simples.</translation>
    </message>
    <message>
        <source>Type an answer, or choose Decline.</source>
        <translation>Digite uma resposta ou escolha Recusar.</translation>
    </message>
</context>
<context>
    <name>MeterWidget</name>
    <message>
        <source>Speaking</source>
        <translation>Falando</translation>
    </message>
</context>
<context>
    <name>QtToolHost</name>
    <message>
        <source>Share the clipboard?</source>
        <extracomment>Every text the host shows, marked for lupdate; translated where used.</extracomment>
        <translation>Compartilhar a área de transferência?</translation>
    </message>
    <message>
        <source>Gemini asks to read your clipboard. This is the text it would get:</source>
        <translation>O Gemini pede para ler sua área de transferência. Este é o texto que ele receberia:</translation>
    </message>
    <message>
        <source>(The clipboard holds no text.)</source>
        <translation>(A área de transferência não contém texto.)</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Compartilhar</translation>
    </message>
    <message>
        <source>Don&apos;t share</source>
        <translation>Não compartilhar</translation>
    </message>
    <message>
        <source>Copy to the clipboard?</source>
        <translation>Copiar para a área de transferência?</translation>
    </message>
    <message>
        <source>Gemini wants to put this text on your clipboard:</source>
        <translation>O Gemini quer colocar este texto na sua área de transferência:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Don&apos;t copy</source>
        <translation>Não copiar</translation>
    </message>
    <message>
        <source>Open a web page?</source>
        <translation>Abrir uma página da web?</translation>
    </message>
    <message>
        <source>Gemini wants to open this web page in your browser:</source>
        <translation>O Gemini quer abrir esta página da web no seu navegador:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Don&apos;t open</source>
        <translation>Não abrir</translation>
    </message>
    <message>
        <source>Notification from Gemini: {title}: {message}</source>
        <translation>Notificação do Gemini: {title}: {message}</translation>
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
        <translation>Áudio WAV (*.wav)</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Gravações</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duração</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>Turnos</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Recorded conversations</source>
        <translation>Conversas gravadas</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Abrir &amp;pasta</translation>
    </message>
    <message>
        <source>Recording now</source>
        <translation>Gravando agora</translation>
    </message>
    <message>
        <source>Repaired after the app stopped</source>
        <translation>Reparada após o app parar</translation>
    </message>
    <message>
        <source>Not closed (repaired at the next start)</source>
        <translation>Não encerrada (será reparada na próxima inicialização)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <source>No conversations have been recorded yet. Recording can be switched on and off in Settings (Advanced).</source>
        <translation>Nenhuma conversa foi gravada ainda. A gravação pode ser ativada e desativada nas Configurações (Avançado).</translation>
    </message>
    <message>
        <source>Could not save the recording to {path}: {reason}</source>
        <translation>Não foi possível salvar a gravação em {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Salva em {path}</translation>
    </message>
    <message>
        <source>Export recording</source>
        <translation>Exportar gravação</translation>
    </message>
    <message>
        <source>Could not open the folder. It is {path}</source>
        <translation>Não foi possível abrir a pasta. Ela fica em {path}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Settings schema version</source>
        <translation>Versão do esquema de configurações</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Gemini API, Vertex AI, custom URL or offline emulator</source>
        <translation>Gemini API, Vertex AI, URL personalizada ou emulador offline</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticação</translation>
    </message>
    <message>
        <source>API key, ephemeral token or Google Cloud credentials</source>
        <translation>chave de API, token efêmero ou credenciais do Google Cloud</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>Versão da API</translation>
    </message>
    <message>
        <source>auto: the version the model needs</source>
        <translation>auto: a versão de que o modelo precisa</translation>
    </message>
    <message>
        <source>Google Cloud project</source>
        <translation>Projeto do Google Cloud</translation>
    </message>
    <message>
        <source>Vertex AI</source>
        <translation>Vertex AI</translation>
    </message>
    <message>
        <source>Google Cloud location</source>
        <translation>Região do Google Cloud</translation>
    </message>
    <message>
        <source>Custom endpoint URL</source>
        <translation>URL do endpoint personalizado</translation>
    </message>
    <message>
        <source>https://host:port; a proxy or test server</source>
        <translation>https://host:porta; um proxy ou servidor de teste</translation>
    </message>
    <message>
        <source>Token endpoint URL</source>
        <translation>URL do endpoint de tokens</translation>
    </message>
    <message>
        <source>your server that hands out ephemeral tokens</source>
        <translation>seu servidor que fornece tokens efêmeros</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Response modality</source>
        <translation>Modalidade da resposta</translation>
    </message>
    <message>
        <source>audio or text</source>
        <translation>áudio ou texto</translation>
    </message>
    <message>
        <source>System instruction</source>
        <translation>Instrução do sistema</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
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
        <translation>Máximo de tokens de saída</translation>
    </message>
    <message>
        <source>Presence penalty</source>
        <translation>Penalidade de presença</translation>
    </message>
    <message>
        <source>Frequency penalty</source>
        <translation>Penalidade de frequência</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <source>Media resolution of video frames</source>
        <translation>Resolução de mídia dos quadros de vídeo</translation>
    </message>
    <message>
        <source>Affective dialog</source>
        <translation>Diálogo afetivo</translation>
    </message>
    <message>
        <source>Proactive audio</source>
        <translation>Áudio proativo</translation>
    </message>
    <message>
        <source>Thinking level</source>
        <translation>Nível de raciocínio</translation>
    </message>
    <message>
        <source>Thinking budget in tokens</source>
        <translation>Orçamento de raciocínio em tokens</translation>
    </message>
    <message>
        <source>-1 dynamic, 0 off</source>
        <translation>-1 dinâmico, 0 desativado</translation>
    </message>
    <message>
        <source>Include thought summaries</source>
        <translation>Incluir resumos do raciocínio</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <source>Spoken language</source>
        <translation>Idioma falado</translation>
    </message>
    <message>
        <source>Automatic voice activity detection</source>
        <translation>Detecção automática de atividade de voz</translation>
    </message>
    <message>
        <source>Push-to-talk (hold to speak; turns automatic detection off)</source>
        <translation>Aperte para falar (segure para falar; desativa a detecção automática)</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>Aperte para falar</translation>
    </message>
    <message>
        <source>hold to speak; turns automatic detection off</source>
        <translation>segure para falar; desativa a detecção automática</translation>
    </message>
    <message>
        <source>Start-of-speech sensitivity</source>
        <translation>Sensibilidade ao início da fala</translation>
    </message>
    <message>
        <source>End-of-speech sensitivity</source>
        <translation>Sensibilidade ao fim da fala</translation>
    </message>
    <message>
        <source>Prefix padding</source>
        <translation>Margem antes da fala</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Silence duration</source>
        <translation>Duração do silêncio</translation>
    </message>
    <message>
        <source>When you start speaking</source>
        <translation>Quando você começa a falar</translation>
    </message>
    <message>
        <source>interrupt the model or not</source>
        <translation>interromper o modelo ou não</translation>
    </message>
    <message>
        <source>What a turn includes</source>
        <translation>O que um turno inclui</translation>
    </message>
    <message>
        <source>Explicit VAD signal (Vertex AI only)</source>
        <translation>Sinal de VAD explícito (somente Vertex AI)</translation>
    </message>
    <message>
        <source>Explicit VAD signal</source>
        <translation>Sinal de VAD explícito</translation>
    </message>
    <message>
        <source>Vertex AI only</source>
        <translation>somente Vertex AI</translation>
    </message>
    <message>
        <source>Transcribe what you say</source>
        <translation>Transcrever o que você diz</translation>
    </message>
    <message>
        <source>Transcribe what the model says</source>
        <translation>Transcrever o que o modelo diz</translation>
    </message>
    <message>
        <source>Context window compression (sliding window)</source>
        <translation>Compactação da janela de contexto (janela deslizante)</translation>
    </message>
    <message>
        <source>Context window compression</source>
        <translation>Compactação da janela de contexto</translation>
    </message>
    <message>
        <source>sliding window</source>
        <translation>janela deslizante</translation>
    </message>
    <message>
        <source>Compress when the context reaches</source>
        <translation>Compactar quando o contexto chegar a</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>tokens</translation>
    </message>
    <message>
        <source>Compress down to</source>
        <translation>Compactar até</translation>
    </message>
    <message>
        <source>Session resumption</source>
        <translation>Retomada de sessão</translation>
    </message>
    <message>
        <source>Transparent resumption (Vertex AI only)</source>
        <translation>Retomada transparente (somente Vertex AI)</translation>
    </message>
    <message>
        <source>Transparent resumption</source>
        <translation>Retomada transparente</translation>
    </message>
    <message>
        <source>Local tool: current date and time</source>
        <translation>Ferramenta local: data e hora atuais</translation>
    </message>
    <message>
        <source>Local tool: read the clipboard text (asks each time)</source>
        <translation>Ferramenta local: ler o texto da área de transferência (pergunta a cada vez)</translation>
    </message>
    <message>
        <source>Local tool: read the clipboard text</source>
        <translation>Ferramenta local: ler o texto da área de transferência</translation>
    </message>
    <message>
        <source>Local tool: write text to the clipboard (asks each time)</source>
        <translation>Ferramenta local: escrever texto na área de transferência (pergunta a cada vez)</translation>
    </message>
    <message>
        <source>Local tool: write text to the clipboard</source>
        <translation>Ferramenta local: escrever texto na área de transferência</translation>
    </message>
    <message>
        <source>asks each time</source>
        <translation>pergunta a cada vez</translation>
    </message>
    <message>
        <source>Local tool: take a screenshot and send it as a video frame</source>
        <translation>Ferramenta local: capturar a tela e enviá-la como quadro de vídeo</translation>
    </message>
    <message>
        <source>Local tool: open a web page in the browser (asks first)</source>
        <translation>Ferramenta local: abrir uma página da web no navegador (pergunta antes)</translation>
    </message>
    <message>
        <source>Local tool: open a web page in the browser</source>
        <translation>Ferramenta local: abrir uma página da web no navegador</translation>
    </message>
    <message>
        <source>asks first</source>
        <translation>pergunta antes</translation>
    </message>
    <message>
        <source>Local tool: show a desktop notification</source>
        <translation>Ferramenta local: mostrar uma notificação na área de trabalho</translation>
    </message>
    <message>
        <source>Declared functions</source>
        <translation>Funções declaradas</translation>
    </message>
    <message>
        <source>Google Search</source>
        <translation>Pesquisa Google</translation>
    </message>
    <message>
        <source>Code execution</source>
        <translation>Execução de código</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microfone</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Alto-falante</translation>
    </message>
    <message>
        <source>Echo cancellation</source>
        <translation>Cancelamento de eco</translation>
    </message>
    <message>
        <source>Noise suppression</source>
        <translation>Supressão de ruído</translation>
    </message>
    <message>
        <source>High-pass filter</source>
        <translation>Filtro passa-altas</translation>
    </message>
    <message>
        <source>Automatic gain control</source>
        <translation>Controle automático de ganho</translation>
    </message>
    <message>
        <source>Video source</source>
        <translation>Fonte de vídeo</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <source>Camera index</source>
        <translation>Índice da câmera</translation>
    </message>
    <message>
        <source>when the name is not found</source>
        <translation>quando o nome não é encontrado</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Tela</translation>
    </message>
    <message>
        <source>0: all screens</source>
        <translation>0: todas as telas</translation>
    </message>
    <message>
        <source>Video or image file</source>
        <translation>Arquivo de vídeo ou imagem</translation>
    </message>
    <message>
        <source>Frames sent per second</source>
        <translation>Quadros enviados por segundo</translation>
    </message>
    <message>
        <source>Longest frame side</source>
        <translation>Lado maior do quadro</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>pixels</translation>
    </message>
    <message>
        <source>JPEG quality</source>
        <translation>Qualidade JPEG</translation>
    </message>
    <message>
        <source>Skip frames that did not change (counted and shown)</source>
        <translation>Pular quadros que não mudaram (contados e exibidos)</translation>
    </message>
    <message>
        <source>Skip frames that did not change</source>
        <translation>Pular quadros que não mudaram</translation>
    </message>
    <message>
        <source>counted and shown</source>
        <translation>contados e exibidos</translation>
    </message>
    <message>
        <source>Screen region</source>
        <translation>Região da tela</translation>
    </message>
    <message>
        <source>left, top, width, height; empty: whole screen</source>
        <translation>esquerda, topo, largura, altura; vazio: a tela inteira</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Idioma da interface</translation>
    </message>
    <message>
        <source>empty: the system&apos;s</source>
        <translation>vazio: o do sistema</translation>
    </message>
    <message>
        <source>Record conversations (transcript and audio, kept on this computer)</source>
        <translation>Gravar conversas (transcrição e áudio, mantidos neste computador)</translation>
    </message>
    <message>
        <source>Record conversations</source>
        <translation>Gravar conversas</translation>
    </message>
    <message>
        <source>transcript and audio, kept on this computer</source>
        <translation>transcrição e áudio, mantidos neste computador</translation>
    </message>
    <message>
        <source>Keep recordings for</source>
        <translation>Manter gravações por</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dias</translation>
    </message>
    <message>
        <source>Function name</source>
        <translation>Nome da função</translation>
    </message>
    <message>
        <source>What the function does</source>
        <translation>O que a função faz</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>JSON Schema object</source>
        <translation>objeto JSON Schema</translation>
    </message>
    <message>
        <source>Call behaviour</source>
        <translation>Comportamento da chamada</translation>
    </message>
    <message>
        <source>automatic: non-blocking where the model allows it</source>
        <translation>automático: sem bloqueio onde o modelo permite</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Respondida por</translation>
    </message>
    <message>
        <source>you in a dialog, or a local webhook</source>
        <translation>você em uma caixa de diálogo, ou um webhook local</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL do webhook</translation>
    </message>
    <message>
        <source>the arguments are POSTed as JSON; the reply must be JSON</source>
        <translation>os argumentos são enviados por POST como JSON; a resposta deve ser JSON</translation>
    </message>
    <message>
        <source>Webhook timeout</source>
        <translation>Tempo limite do webhook</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Ativada</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Connection</source>
        <extracomment>The translation context of the dialog&apos;s own texts. lupdate reads only a literal context, so the markers and translate() calls below spell it out. Tabs: (slug for screenshots, title, [(group title, [setting paths or a marker])]).</extracomment>
        <translation>Conexão</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticação</translation>
    </message>
    <message>
        <source>Vertex AI</source>
        <translation>Vertex AI</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Teste</translation>
    </message>
    <message>
        <source>Model &amp;&amp; voice</source>
        <translation>Modelo &amp;&amp; voz</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <source>Model features</source>
        <translation>Recursos do modelo</translation>
    </message>
    <message>
        <source>Transcription</source>
        <translation>Transcrição</translation>
    </message>
    <message>
        <source>Audio &amp;&amp; VAD</source>
        <translation>Áudio &amp;&amp; VAD</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Processamento</translation>
    </message>
    <message>
        <source>Turn taking</source>
        <translation>Troca de turnos</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fonte</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envio</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Ferramentas</translation>
    </message>
    <message>
        <source>Built-in tools</source>
        <translation>Ferramentas integradas</translation>
    </message>
    <message>
        <source>Declared functions</source>
        <translation>Funções declaradas</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avançado</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <source>Long sessions</source>
        <translation>Sessões longas</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Gravação</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>Other</source>
        <extracomment>Where a field that no tab lists ends up (a test keeps this group empty).</extracomment>
        <translation>Outros</translation>
    </message>
    <message>
        <source>A function name starts with a letter or _ and has at most 64 letters, digits, _ . : or -.</source>
        <extracomment>Sections whose changes the app applies at once; everything else goes into the setup message or picks the endpoint, so it needs a new connection. Validators that check a whole section report there; show their sentence at this field. Pydantic&apos;s wording for a pattern is no use to people; these say what is allowed.</extracomment>
        <translation>Um nome de função começa com uma letra ou _ e tem no máximo 64 letras, dígitos, _ . : ou -.</translation>
    </message>
    <message>
        <source>Use a language code such as de, pt_BR or fil, or leave it empty.</source>
        <translation>Use um código de idioma como de, pt_BR ou fil, ou deixe em branco.</translation>
    </message>
    <message>
        <source>Choose a model or type its name.</source>
        <translation>Escolha um modelo ou digite o nome dele.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>When changes take effect</source>
        <extracomment>Where a pasted ephemeral token (auth_tokens/...) goes: beside the key, not over it.</extracomment>
        <translation>Quando as alterações entram em vigor</translation>
    </message>
    <message>
        <source>Put every field back to its default; nothing is saved until OK or Apply</source>
        <translation>Volta todos os campos ao padrão; nada é salvo até OK ou Aplicar</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Chave de API</translation>
    </message>
    <message>
        <source>Remove saved key</source>
        <translation>Remover chave salva</translation>
    </message>
    <message>
        <source>Delete the key from the system keyring (and from this session)</source>
        <translation>Apagar a chave do chaveiro do sistema (e desta sessão)</translation>
    </message>
    <message>
        <source>Where the API key is kept</source>
        <translation>Onde a chave de API está guardada</translation>
    </message>
    <message>
        <source>A key typed here is saved in the system keyring, never in the settings file.</source>
        <translation>Uma chave digitada aqui é salva no chaveiro do sistema, nunca no arquivo de configurações.</translation>
    </message>
    <message>
        <source>Type a new key to replace it</source>
        <translation>Digite uma nova chave para substituí-la</translation>
    </message>
    <message>
        <source>Paste your Gemini API key</source>
        <translation>Cole sua chave de API do Gemini</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <source>Connect with the settings shown here (saved or not), wait for the service to accept them, then disconnect</source>
        <translation>Conecta com as configurações mostradas aqui (salvas ou não), espera o serviço aceitá-las e depois desconecta</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Resultado do teste de conexão</translation>
    </message>
    <message>
        <source>Tests {where}.</source>
        <translation>Testa {where}.</translation>
    </message>
    <message>
        <source>{reason}, so this setting is not sent.</source>
        <translation>{reason}, por isso esta configuração não é enviada.</translation>
    </message>
    <message>
        <source>{model} does not accept {setting}. {reason}</source>
        <translation>{model} não aceita {setting}. {reason}</translation>
    </message>
    <message>
        <source>Greyed out, as this model does not accept them: {names}.</source>
        <translation>Desativadas porque este modelo não as aceita: {names}.</translation>
    </message>
    <message>
        <source>Always on with this model: {names}.</source>
        <translation>Sempre ativadas com este modelo: {names}.</translation>
    </message>
    <message>
        <source>{model} does not accept {setting} “{value}”. {reason}</source>
        <translation>{model} não aceita {setting} “{value}”. {reason}</translation>
    </message>
    <message>
        <source>Function {number} ({name}): {problem}</source>
        <translation>Função {number} ({name}): {problem}</translation>
    </message>
    <message>
        <source>Takes effect at the next connection: {names}.</source>
        <translation>Entra em vigor na próxima conexão: {names}.</translation>
    </message>
    <message>
        <source>Applies at once: {names}.</source>
        <translation>Aplicado na hora: {names}.</translation>
    </message>
    <message>
        <source>The settings could not be saved to {path} ({reason}); they are used until Live Desktop quits.</source>
        <translation>Não foi possível salvar as configurações em {path} ({reason}); elas valem até o Live Desktop ser fechado.</translation>
    </message>
    <message>
        <source>Fix the settings marked in red first.</source>
        <translation>Corrija primeiro as configurações marcadas em vermelho.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Connected to {where} with {model} in {ms} ms.</source>
        <translation>Conectado a {where} com {model} em {ms} ms.</translation>
    </message>
    <message>
        <source>The connection to {where} failed.</source>
        <translation>A conexão com {where} falhou.</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>e mais {count}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source> ms</source>
        <extracomment>The translation context of the dialog&apos;s own texts. lupdate reads only a literal context, so the markers and translate() calls below spell it out. The parenthetical of a description that is a unit becomes the spin box&apos;s suffix.</extracomment>
        <translation> ms</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>Gemini API</source>
        <extracomment>What a choice&apos;s values read as. Wrapped for lupdate; translated when the editor is built.</extracomment>
        <translation>Gemini API</translation>
    </message>
    <message>
        <source>Custom URL (a proxy or test server)</source>
        <translation>URL personalizada (um proxy ou servidor de teste)</translation>
    </message>
    <message>
        <source>Offline emulator on this computer</source>
        <translation>Emulador offline neste computador</translation>
    </message>
    <message>
        <source>Ephemeral token</source>
        <translation>Token efêmero</translation>
    </message>
    <message>
        <source>Google Cloud credentials</source>
        <translation>Credenciais do Google Cloud</translation>
    </message>
    <message>
        <source>Automatic (what the model needs)</source>
        <translation>Automática (a de que o modelo precisa)</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Service default</source>
        <extracomment>The label column&apos;s widget; None where the control carries its own text (check boxes). The field column&apos;s widget: the control, and its problem sentence under it.</extracomment>
        <translation>Padrão do serviço</translation>
    </message>
    <message>
        <source>Low (64 tokens per frame)</source>
        <translation>Baixa (64 tokens por quadro)</translation>
    </message>
    <message>
        <source>Medium (256 tokens per frame)</source>
        <translation>Média (256 tokens por quadro)</translation>
    </message>
    <message>
        <source>High (256 tokens, zoomed reframing)</source>
        <translation>Alta (256 tokens, reenquadramento com zoom)</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Padrão do modelo</translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation>Mínimo</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixo</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Médio</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source>High (starts on quieter speech)</source>
        <translation>Alta (começa com fala mais baixa)</translation>
    </message>
    <message>
        <source>Low (starts on clearer speech)</source>
        <translation>Baixa (começa com fala mais nítida)</translation>
    </message>
    <message>
        <source>High (ends after shorter pauses)</source>
        <translation>Alta (termina após pausas mais curtas)</translation>
    </message>
    <message>
        <source>Low (ends after longer pauses)</source>
        <translation>Baixa (termina após pausas mais longas)</translation>
    </message>
    <message>
        <source>Interrupt the model</source>
        <translation>Interromper o modelo</translation>
    </message>
    <message>
        <source>Let the model finish</source>
        <translation>Deixar o modelo terminar</translation>
    </message>
    <message>
        <source>Only while you speak</source>
        <translation>Só enquanto você fala</translation>
    </message>
    <message>
        <source>All input</source>
        <translation>Toda a entrada</translation>
    </message>
    <message>
        <source>Your speech and all video</source>
        <translation>Sua fala e todo o vídeo</translation>
    </message>
    <message>
        <source>You, in a dialog</source>
        <translation>Você, em uma caixa de diálogo</translation>
    </message>
    <message>
        <source>A webhook (HTTP POST)</source>
        <translation>Um webhook (HTTP POST)</translation>
    </message>
    <message>
        <source>Automatic (non-blocking where allowed)</source>
        <translation>Automático (sem bloqueio onde permitido)</translation>
    </message>
    <message>
        <source>Blocking (the model waits)</source>
        <translation>Com bloqueio (o modelo espera)</translation>
    </message>
    <message>
        <source>Non-blocking (the model goes on)</source>
        <translation>Sem bloqueio (o modelo continua)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligado</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Tela</translation>
    </message>
    <message>
        <source>Video or image file</source>
        <translation>Arquivo de vídeo ou imagem</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <source>https://host:port</source>
        <extracomment>Placeholders for text fields whose description hint reads badly as one.</extracomment>
        <translation>https://host:porta</translation>
    </message>
    <message>
        <source>https://your-server.example.com/live-token</source>
        <translation>https://seu-servidor.example.com/live-token</translation>
    </message>
    <message>
        <source>my-project-id</source>
        <translation>id-do-meu-projeto</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Nenhum arquivo escolhido</translation>
    </message>
    <message>
        <source>All screens</source>
        <extracomment>(decimals, step) of float spin boxes. Where an optional number starts when the user first sets it (a typical value). The text of a spin box at its minimum, where that minimum means something special.</extracomment>
        <translation>Todas as telas</translation>
    </message>
    <message>
        <source>Forever</source>
        <translation>Para sempre</translation>
    </message>
    <message>
        <source>Arabic</source>
        <extracomment>Languages QLocale cannot name from their code.</extracomment>
        <translation>Árabe</translation>
    </message>
    <message>
        <source>Mandarin Chinese (China)</source>
        <translation>Chinês mandarim (China)</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>O idioma do sistema</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Definir</translation>
    </message>
    <message>
        <source>Unset: the service&apos;s default is used and nothing is sent</source>
        <translation>Desmarcado: o padrão do serviço é usado e nada é enviado</translation>
    </message>
    <message>
        <source>Set {label}</source>
        <translation>Definir {label}</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Choose a video or image file</source>
        <translation>Escolha um arquivo de vídeo ou imagem</translation>
    </message>
    <message>
        <source>Videos and images (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>Vídeos e imagens (*.mp4 *.avi *.mov *.mkv *.webm *.jpg *.jpeg *.png);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>How the model should behave, in your words</source>
        <translation>Como o modelo deve se comportar, com suas palavras</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name} (não conectado)</translation>
    </message>
    <message>
        <source>Live Desktop does not know this model: nothing is checked before connecting.</source>
        <translation>O Live Desktop não conhece este modelo: nada é verificado antes de conectar.</translation>
    </message>
    <message>
        <source>Only this part:</source>
        <translation>Só esta parte:</translation>
    </message>
    <message>
        <source>Unset: the whole screen is shared</source>
        <translation>Desmarcado: a tela inteira é compartilhada</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Esquerda</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Topo</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Largura</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Altura</translation>
    </message>
    <message>
        <source>Add</source>
        <extracomment>An example URL (not words to translate) for an empty webhook URL box.</extracomment>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Add a function</source>
        <translation>Adicionar uma função</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Remove the chosen function</source>
        <translation>Remover a função escolhida</translation>
    </message>
    <message>
        <source>Tells the model when to call it</source>
        <translation>Diz ao modelo quando chamá-la</translation>
    </message>
    <message>
        <source>No parameters. A JSON Schema object, e.g.
{&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: {}}</source>
        <translation>Sem parâmetros. Um objeto JSON Schema, por exemplo:
{&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: {}}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sem nome)</translation>
    </message>
    <message>
        <source>{name} (off)</source>
        <translation>{name} (desativada)</translation>
    </message>
    <message>
        <source>The parameters of {name} are not valid JSON: {error} (line {line}).</source>
        <translation>Os parâmetros de {name} não são um JSON válido: {error} (linha {line}).</translation>
    </message>
    <message>
        <source>The parameters of {name} must be a JSON object (a JSON Schema).</source>
        <translation>Os parâmetros de {name} devem ser um objeto JSON (um JSON Schema).</translation>
    </message>
    <message>
        <source>System default</source>
        <extracomment>Device-like fields: (text for None, name of the options callable the dialog passes).</extracomment>
        <translation>Padrão do sistema</translation>
    </message>
    <message>
        <source>By index (below)</source>
        <translation>Pelo índice (abaixo)</translation>
    </message>
</context>
<context>
    <name>SettingsWiring</name>
    <message>
        <source>Reconnect to use the new settings.</source>
        <extracomment>The turn-taking mode changed during a session: the voice uplink takes it at the next connection, together with the service.</extracomment>
        <translation>Reconecte para usar as novas configurações.</translation>
    </message>
</context>
<context>
    <name>TranscriptWidget</name>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Gemini</source>
        <translation>Gemini</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Ferramenta</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Function call</source>
        <translation>Chamada de função</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Code result</source>
        <translation>Resultado do código</translation>
    </message>
    <message>
        <source>Function result</source>
        <translation>Resultado da função</translation>
    </message>
    <message>
        <source>Function error</source>
        <translation>Erro da função</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Recusado</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Conversation transcript</source>
        <translation>Transcrição da conversa</translation>
    </message>
    <message>
        <source>The conversation will appear here.</source>
        <translation>A conversa vai aparecer aqui.</translation>
    </message>
    <message>
        <source>voice</source>
        <translation>voz</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrompida</translation>
    </message>
    <message>
        <source>Searched: {queries}</source>
        <translation>Pesquisado: {queries}</translation>
    </message>
    <message>
        <source>Source: </source>
        <translation>Fonte: </translation>
    </message>
</context>
<context>
    <name>VideoPreviewWidget</name>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Video source</source>
        <translation>Fonte de vídeo</translation>
    </message>
    <message>
        <source>Video preview</source>
        <translation>Prévia do vídeo</translation>
    </message>
    <message>
        <source>Video sending</source>
        <translation>Envio de vídeo</translation>
    </message>
    <message>
        <source>Video is off. Choose a camera, a screen or a file to show Gemini.</source>
        <translation>O vídeo está desligado. Escolha uma câmera, uma tela ou um arquivo para mostrar ao Gemini.</translation>
    </message>
    <message>
        <source>No video</source>
        <translation>Sem vídeo</translation>
    </message>
    <message>
        <source>Preview only: frames are sent while connected</source>
        <translation>Só prévia: os quadros são enviados enquanto conectado</translation>
    </message>
    <message>
        <source>1 frame/s</source>
        <translation>1 quadro/s</translation>
    </message>
    <message>
        <source>{count} frames/s</source>
        <translation>{count} quadros/s</translation>
    </message>
    <message>
        <source>1 frame every {seconds} s</source>
        <translation>1 quadro a cada {seconds} s</translation>
    </message>
    <message>
        <source>Sending {rate}</source>
        <translation>Enviando {rate}</translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation>{count} enviados</translation>
    </message>
    <message>
        <source>{count} unchanged skipped</source>
        <translation>{count} sem mudança ignorados</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligado</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Tela</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Iniciando a câmera…</translation>
    </message>
    <message>
        <source>Starting screen capture…</source>
        <translation>Iniciando a captura de tela…</translation>
    </message>
    <message>
        <source>Opening the video file…</source>
        <translation>Abrindo o arquivo de vídeo…</translation>
    </message>
    <message>
        <source>Waiting for the first frame…</source>
        <translation>Aguardando o primeiro quadro…</translation>
    </message>
</context>
<context>
    <name>VoiceControls</name>
    <message>
        <source>Microphone</source>
        <extracomment>Why there is no audio, as the app said it; None while the meters just say &quot;Off&quot;.</extracomment>
        <translation>Microfone</translation>
    </message>
    <message>
        <source>You are speaking</source>
        <translation>Você está falando</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Nível do microfone</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Alto-falante</translation>
    </message>
    <message>
        <source>Gemini is speaking</source>
        <translation>O Gemini está falando</translation>
    </message>
    <message>
        <source>Speaker level</source>
        <translation>Nível do alto-falante</translation>
    </message>
    <message>
        <source>Mute the microphone</source>
        <translation>Silenciar o microfone</translation>
    </message>
    <message>
        <source>Stop sending your voice (Ctrl+M)</source>
        <translation>Parar de enviar sua voz (Ctrl+M)</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>Segure para falar</translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation>Aperte para falar</translation>
    </message>
    <message>
        <source>Hold while you speak, or hold Space (press Esc first if you are typing)</source>
        <translation>Segure enquanto fala, ou segure Espaço (pressione Esc antes se estiver digitando)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligado</translation>
    </message>
    <message>
        <source>Un&amp;mute</source>
        <translation>Desativar &amp;mudo</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>&amp;Mudo</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Mudo</translation>
    </message>
</context>
</TS>
