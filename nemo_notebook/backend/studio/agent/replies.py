"""Reply texts in English, Simplified Chinese, Spanish and Japanese, and the names of draft values in each."""

from __future__ import annotations

from typing import Any

_ORDER = ("en", "zh-CN", "es", "ja")

TEMPLATES: dict[str, tuple[str, str, str, str]] = {
    "ack_generate": (
        "Made a {dur} {aspect} video: {desc}.",
        "已生成 {dur}、{aspect} 的视频：{desc}。",
        "He hecho un vídeo de {dur} en {aspect}: {desc}.",
        "{dur}・{aspect}の動画を作りました：{desc}。",
    ),
    "ack_promo": (
        "Made a {dur} {aspect} promo from your {count} uploads, with Ken Burns motion.",
        "已用你上传的 {count} 个素材制作 {dur}、{aspect} 的宣传视频（带推拉镜头效果）。",
        "He hecho un vídeo promocional de {dur} en {aspect} con tus {count} archivos, con efecto Ken Burns.",
        "アップロードされた{count}個の素材から{dur}・{aspect}のプロモ動画を作りました（ケン・バーンズ効果付き）。",
    ),
    "changes_head": (
        "Made {count} changes:",
        "做了 {count} 处修改：",
        "He hecho {count} cambios:",
        "{count}か所を変更しました：",
    ),
    "desc_slideshow": (
        "a slideshow of your {count} uploads",
        "由你的 {count} 个素材组成的幻灯片",
        "una presentación con tus {count} archivos",
        "{count}個の素材のスライドショー",
    ),
    "item_scene": ("{desc} ({span})", "{desc}（{span}）", "{desc} ({span})", "{desc}（{span}）"),
    "item_music": (
        "{mood} music at {vol}% ({span})",
        "{mood}背景音乐，音量 {vol}%（{span}）",
        "Música {mood} al {vol}% ({span})",
        "{mood}BGM・音量{vol}%（{span}）",
    ),
    "item_song": (
        "Your audio '{name}' at {vol}% ({span})",
        "你的音频「{name}」，音量 {vol}%（{span}）",
        "Tu audio '{name}' al {vol}% ({span})",
        "あなたの音声「{name}」・音量{vol}%（{span}）",
    ),
    "item_title": (
        "Title '{text}' ({span})",
        "标题「{text}」（{span}）",
        "Título '{text}' ({span})",
        "タイトル「{text}」（{span}）",
    ),
    "item_caption": (
        "Caption '{text}' ({span})",
        "字幕「{text}」（{span}）",
        "Subtítulo '{text}' ({span})",
        "キャプション「{text}」（{span}）",
    ),
    "item_captions": (
        "{count} captions from your description",
        "根据描述添加了 {count} 条字幕",
        "{count} subtítulos a partir de tu descripción",
        "説明文から{count}件のキャプション",
    ),
    "note_clamped": (
        "Note: videos can be 1–300 s long, so I made it {dur}.",
        "注意：视频时长需在 1–300 秒之间，所以我做成了 {dur}。",
        "Nota: los vídeos pueden durar de 1 a 300 s, así que lo hice de {dur}.",
        "注：動画の長さは1〜300秒なので、{dur}にしました。",
    ),
    "note_text_clamped": (
        "Note: the video is {dur} long, so the text stays inside it.",
        "注意：视频只有 {dur}，所以文字保持在视频之内。",
        "Nota: el vídeo dura {dur}, así que el texto queda dentro.",
        "注：動画は{dur}なので、テキストはその中に収めました。",
    ),
    "note_default_scene": (
        "I synthesise stylised scenes rather than real footage, so for this I made: {desc}.",
        "我生成的是风格化场景，而不是真实画面，所以这里做的是：{desc}。",
        "Genero escenas estilizadas, no imágenes reales, así que hice: {desc}.",
        "実写ではなく様式化されたシーンを生成するため、今回は「{desc}」を作りました。",
    ),
    "note_clips_short": (
        "Your clips add up to {dur}, so the video is {dur} long.",
        "你的视频素材总长 {dur}，所以视频时长为 {dur}。",
        "Tus clips suman {dur}, así que el vídeo dura {dur}.",
        "クリップの合計が{dur}なので、動画の長さは{dur}です。",
    ),
    "no_uploads": (
        "I don't see any uploaded images or clips in this session yet. Upload some first, or describe a scene "
        "and I'll generate it (e.g. 'a 15-second sunset over the sea with calm music').",
        "这个会话里还没有上传的图片或视频。请先上传素材，或者描述一个场景让我生成（例如「15秒的海上日落，配舒缓音乐」）。",
        "Aún no veo imágenes ni clips subidos en esta sesión. Súbelos primero, o describe una escena y la genero "
        "(p. ej., 'un atardecer en el mar de 15 segundos con música tranquila').",
        "このセッションにはまだ画像やクリップがありません。先にアップロードするか、シーンを説明してください"
        "（例：「穏やかな音楽付きの15秒の海の夕日」）。",
    ),
    "limit": (
        "Sorry, I can't {what}. {instead}",
        "抱歉，我无法{what}。{instead}",
        "Lo siento, no puedo {what}. {instead}",
        "申し訳ありませんが、{what}はできません。{instead}",
    ),
    "capabilities": (
        "I make short videos offline. I can: generate scenes (city, mountains, forest, sea, desert, sky) at dawn, "
        "day, sunset or night with rain, snow, fog, clouds, stars, birds, fireworks, leaves or petals; turn your "
        "uploaded images and clips into a promo slideshow; add background music (calm, ambient, lo-fi, upbeat, "
        "dramatic, synthwave, celebratory, corporate) or use your own audio; add titles and captions; and edit: "
        "louder/quieter music, trim or extend, vertical/square/landscape, reorder photos, regenerate. "
        "Try: 'a 15-second sunset over a city skyline with calm music and the title \"Urban Dreams\"'.",
        "我可以离线制作短视频：生成城市、山脉、森林、大海、沙漠、天空等场景（黎明、白天、日落、夜晚，可加雨、雪、雾、云、星星、飞鸟、烟花、"
        "落叶、花瓣）；把你上传的图片和视频做成宣传幻灯片；添加背景音乐（舒缓、氛围、Lo-fi、欢快、史诗、合成器浪潮、喜庆、商务）或使用你的音频；"
        "添加标题和字幕；还能编辑：音乐大小、剪短或延长、竖屏/方形/横屏、调整图片顺序、重新生成。试试：「生成15秒的城市日落视频，配舒缓音乐，标题“城市之梦”」。",
        "Hago vídeos cortos sin conexión. Puedo: generar escenas (ciudad, montañas, bosque, mar, desierto, cielo) "
        "al amanecer, de día, al atardecer o de noche, con lluvia, nieve, niebla, nubes, estrellas, pájaros, fuegos "
        "artificiales, hojas o pétalos; convertir tus imágenes y clips en una presentación promocional; añadir "
        "música (tranquila, ambiental, lo-fi, animada, épica, synthwave, festiva, corporativa) o usar tu audio; "
        "añadir títulos y subtítulos; y editar: volumen, recortar o alargar, vertical/cuadrado/horizontal, "
        "reordenar fotos, regenerar. Prueba: 'un atardecer sobre la ciudad de 15 segundos con música tranquila'.",
        "オフラインで短い動画を作れます：都市・山・森・海・砂漠・空のシーン（夜明け・昼・夕暮れ・夜、雨・雪・霧・雲・星・鳥・花火・落ち葉・花びら）の生成、"
        "アップロードした画像やクリップからのプロモ用スライドショー、BGM（穏やか・アンビエント・ローファイ・アップテンポ・ドラマチック・シンセウェーブ・"
        "お祝い・ビジネス）またはあなたの音声、タイトルとキャプション、そして編集（音量、トリム・延長、縦・正方形・横、写真の並べ替え、再生成）。"
        "例：「穏やかな音楽付きの15秒の都市の夕日、タイトル「アーバンドリーム」」。",
    ),
    "nothing_to_edit": (
        "There's no video yet to change. Describe one, e.g. 'a 15-second sunset over the sea with calm music'.",
        "还没有可以修改的视频。先描述一个吧，例如「15秒的海上日落，配舒缓音乐」。",
        "Aún no hay vídeo que cambiar. Describe uno, p. ej., 'un atardecer en el mar de 15 segundos con música "
        "tranquila'.",
        "まだ編集する動画がありません。まず説明してください（例：「穏やかな音楽付きの15秒の海の夕日」）。",
    ),
    "not_understood": (
        "I'm not sure what to change. I can make the music louder/quieter or change its mood, add/change/move/remove "
        "the title or captions, trim or extend, switch to vertical/square/landscape, reorder or drop photos, change "
        "the time of day or weather, or regenerate.",
        "我不确定要改什么。我可以：调大/调小音乐或换风格，添加/修改/移动/删除标题或字幕，剪短或延长，切换竖屏/方形/横屏，调整或删除图片，"
        "更改时间或天气，或者重新生成。",
        "No sé bien qué cambiar. Puedo subir/bajar la música o cambiar su estilo, añadir/cambiar/mover/quitar el "
        "título o los subtítulos, recortar o alargar, pasar a vertical/cuadrado/horizontal, reordenar o quitar "
        "fotos, cambiar la hora del día o el clima, o regenerar.",
        "何を変更すればよいか分かりませんでした。BGMの音量や雰囲気の変更、タイトルやキャプションの追加・変更・移動・削除、トリム・延長、"
        "縦・正方形・横への切り替え、写真の並べ替えや削除、時間帯や天気の変更、再生成ができます。",
    ),
    "export": (
        "Your video is ready. Click the Export button to render the MP4.",
        "视频已就绪，点击导出按钮即可生成 MP4。",
        "Tu vídeo está listo. Pulsa el botón Exportar para generar el MP4.",
        "動画の準備ができました。エクスポートボタンを押すとMP4を書き出します。",
    ),
    "ch_volume": (
        "Music volume {a}% → {b}% ({span})",
        "音乐音量 {a}% → {b}%（{span}）",
        "Volumen de la música {a}% → {b}% ({span})",
        "BGM音量 {a}% → {b}%（{span}）",
    ),
    "ch_music_removed": ("Removed the music", "已删除背景音乐", "Música eliminada", "BGMを削除"),
    "ch_music_mood": (
        "Music changed to {music}",
        "背景音乐改为{music}",
        "Música cambiada a {music}",
        "BGMを変更：{music}",
    ),
    "ch_music_added": ("Added {music}", "已添加{music}", "Añadida {music}", "追加：{music}"),
    "ch_title_added": (
        "Title '{text}' added ({span})",
        "已添加标题「{text}」（{span}）",
        "Título '{text}' añadido ({span})",
        "タイトル「{text}」を追加（{span}）",
    ),
    "ch_title_changed": (
        "Title changed to '{text}' ({span})",
        "标题改为「{text}」（{span}）",
        "Título cambiado a '{text}' ({span})",
        "タイトルを「{text}」に変更（{span}）",
    ),
    "ch_title_moved": (
        "Title '{text}' moved to {pos} ({span})",
        "标题「{text}」移到{pos}（{span}）",
        "Título '{text}' movido a {pos} ({span})",
        "タイトル「{text}」を{pos}に移動（{span}）",
    ),
    "ch_title_removed": (
        "Title '{text}' removed",
        "已删除标题「{text}」",
        "Título '{text}' eliminado",
        "タイトル「{text}」を削除",
    ),
    "ch_title_styled": (
        "Title '{text}' {what} ({span})",
        "标题「{text}」改为 {what}（{span}）",
        "Título '{text}' {what} ({span})",
        "タイトル「{text}」を{what}に変更（{span}）",
    ),
    "ch_caption_styled": (
        "Caption '{text}' {what} ({span})",
        "字幕「{text}」改为 {what}（{span}）",
        "Subtítulo '{text}' {what} ({span})",
        "キャプション「{text}」を{what}に変更（{span}）",
    ),
    "ch_caption_added": (
        "Caption '{text}' added ({span})",
        "已添加字幕「{text}」（{span}）",
        "Subtítulo '{text}' añadido ({span})",
        "キャプション「{text}」を追加（{span}）",
    ),
    "ch_caption_changed": (
        "Caption changed to '{text}' ({span})",
        "字幕改为「{text}」（{span}）",
        "Subtítulo cambiado a '{text}' ({span})",
        "キャプションを「{text}」に変更（{span}）",
    ),
    "ch_caption_moved": (
        "Caption '{text}' moved to {pos} ({span})",
        "字幕「{text}」移到{pos}（{span}）",
        "Subtítulo '{text}' movido a {pos} ({span})",
        "キャプション「{text}」を{pos}に移動（{span}）",
    ),
    "ch_caption_removed": (
        "Caption '{text}' removed",
        "已删除字幕「{text}」",
        "Subtítulo '{text}' eliminado",
        "キャプション「{text}」を削除",
    ),
    "ch_title_timed": (
        "Title '{text}' now on screen {span}",
        "标题「{text}」改为在{span}显示",
        "Título '{text}' ahora en pantalla {span}",
        "タイトル「{text}」の表示を{span}に変更",
    ),
    "ch_caption_timed": (
        "Caption '{text}' now on screen {span}",
        "字幕「{text}」改为在{span}显示",
        "Subtítulo '{text}' ahora en pantalla {span}",
        "キャプション「{text}」の表示を{span}に変更",
    ),
    "ch_fade_in": (
        "Fades in from black over the first {sec}",
        "开头 {sec} 从黑场淡入",
        "Aparece desde negro en los primeros {sec}",
        "最初の{sec}で黒からフェードイン",
    ),
    "ch_fade_out": (
        "Fades to black over the last {sec}",
        "结尾 {sec} 淡出到黑场",
        "Fundido a negro en los últimos {sec}",
        "最後の{sec}で黒へフェードアウト",
    ),
    "ch_music_fade_out": (
        "Music fades out over the last {sec}",
        "音乐在结尾 {sec} 淡出",
        "La música se desvanece en los últimos {sec}",
        "音楽は最後の{sec}でフェードアウト",
    ),
    "ch_fade_in_removed": (
        "Fade in from black removed",
        "已去掉开头的淡入",
        "Fundido de entrada eliminado",
        "黒からのフェードインを削除",
    ),
    "ch_fade_out_removed": (
        "Fade to black removed",
        "已去掉结尾的淡出",
        "Fundido a negro eliminado",
        "黒へのフェードアウトを削除",
    ),
    "ch_fades_removed": (
        "Fades from and to black removed",
        "已去掉开头和结尾的淡入淡出",
        "Fundidos desde y a negro eliminados",
        "黒からと黒へのフェードを削除",
    ),
    "ch_duration": ("Duration {a} → {b}", "时长 {a} → {b}", "Duración {a} → {b}", "長さ {a} → {b}"),
    "ch_aspect": (
        "Aspect {a} → {b} ({w}×{h})",
        "画面比例 {a} → {b}（{w}×{h}）",
        "Formato {a} → {b} ({w}×{h})",
        "アスペクト比 {a} → {b}（{w}×{h}）",
    ),
    "ch_res": (
        "Resolution {a} → {b}",
        "分辨率 {a} → {b}",
        "Resolución {a} → {b}",
        "解像度 {a} → {b}",
    ),
    "ch_regenerate": (
        "Regenerated with seed {seed}",
        "已用种子 {seed} 重新生成",
        "Regenerado con semilla {seed}",
        "シード{seed}で再生成",
    ),
    "ch_scene": (
        "Scene now: {desc} ({span})",
        "场景改为：{desc}（{span}）",
        "Escena ahora: {desc} ({span})",
        "シーンを変更：{desc}（{span}）",
    ),
    "ch_uploads": (
        "Video now uses your {count} uploads ({span})",
        "视频改用你的 {count} 个素材（{span}）",
        "El vídeo ahora usa tus {count} archivos ({span})",
        "動画をあなたの{count}個の素材に変更（{span}）",
    ),
    "ch_order": (
        "New order: {order}",
        "新顺序：{order}",
        "Nuevo orden: {order}",
        "新しい順番：{order}",
    ),
    "ch_dropped": (
        "Removed item {index}: {label}",
        "已删除第 {index} 个：{label}",
        "Eliminado el elemento {index}: {label}",
        "{index}番目を削除：{label}",
    ),
    "ch_song": (
        "Music replaced with your audio '{name}' ({span})",
        "背景音乐换成你的音频「{name}」（{span}）",
        "Música reemplazada por tu audio '{name}' ({span})",
        "BGMをあなたの音声「{name}」に変更（{span}）",
    ),
    "same_volume": (
        "The music is already at {b}%",
        "音乐音量已经是 {b}%",
        "La música ya está al {b}%",
        "BGMの音量はすでに{b}%です",
    ),
    "miss_title": (
        "There's no title yet",
        "还没有标题",
        "Aún no hay título",
        "タイトルはまだありません",
    ),
    "miss_caption": (
        "There's no caption yet",
        "还没有字幕",
        "Aún no hay subtítulos",
        "キャプションはまだありません",
    ),
    "miss_music": (
        "There's no music to change",
        "没有可修改的背景音乐",
        "No hay música que cambiar",
        "変更するBGMがありません",
    ),
    "miss_song": (
        "I don't see an uploaded audio file",
        "没有找到上传的音频",
        "No veo ningún audio subido",
        "アップロードされた音声が見つかりません",
    ),
    "miss_scene": (
        "This video has no generated scene to change",
        "这个视频没有可修改的生成场景",
        "Este vídeo no tiene una escena generada que cambiar",
        "この動画には変更できる生成シーンがありません",
    ),
    "miss_index": (
        "There's no item {index}; the video has {count}",
        "没有第 {index} 个，视频共有 {count} 个",
        "No hay elemento {index}; el vídeo tiene {count}",
        "{index}番目はありません（全{count}個）",
    ),
    "miss_uploads": (
        "I don't see any uploaded images or clips",
        "没有找到上传的图片或视频",
        "No veo imágenes ni clips subidos",
        "アップロードされた画像やクリップが見つかりません",
    ),
    "default_title": ("New Arrival", "新品上市", "Novedad", "新登場"),
    "restored": (
        "Back to version {version} ({desc})",
        "已回到版本 {version}（{desc}）",
        "De vuelta a la versión {version} ({desc})",
        "バージョン{version}に戻しました（{desc}）",
    ),
    "nothing_to_undo": (
        "There's no earlier version to go back to.",
        "没有更早的版本可以撤销。",
        "No hay una versión anterior a la que volver.",
        "戻せる前のバージョンがありません。",
    ),
    "nothing_to_redo": (
        "There's nothing to redo: the last change was not an undo.",
        "没有可以重做的操作：上一步不是撤销。",
        "No hay nada que rehacer: el último cambio no fue deshacer.",
        "やり直せる操作がありません（直前の操作は取り消しではありません）。",
    ),
    "no_such_version": (
        "I can't find an earlier version like that.",
        "没有找到那样的早期版本。",
        "No encuentro una versión anterior así.",
        "そのような以前のバージョンが見つかりません。",
    ),
}

LIMITS: dict[str, tuple[tuple[str, str, str, str], tuple[str, str, str, str]]] = {
    "voice": (
        (
            "add voice-over or speech",
            "添加配音或语音",
            "añadir voz en off ni narración",
            "ナレーションや音声の追加",
        ),
        (
            "I can put the words on screen as captions instead, with background music.",
            "我可以把这些文字做成屏幕字幕，并配上背景音乐。",
            "Puedo poner el texto en pantalla como subtítulos, con música de fondo.",
            "代わりに文字を画面のキャプションとして表示し、BGMを付けられます。",
        ),
    ),
    "lipsync": (
        ("do lip-sync", "做对口型", "hacer sincronización labial", "リップシンク"),
        (
            "I can add captions timed over your clips instead.",
            "我可以在你的视频上添加字幕。",
            "Puedo añadir subtítulos sobre tus clips.",
            "代わりにクリップにキャプションを付けられます。",
        ),
    ),
    "faces": (
        (
            "generate faces or the likeness of real people",
            "生成人脸或真人形象",
            "generar caras ni el parecido de personas reales",
            "顔や実在の人物に似せた映像の生成",
        ),
        (
            "I can make a slideshow of your own photos, or a generated scene with a title.",
            "我可以用你自己的照片做幻灯片，或生成带标题的场景。",
            "Puedo hacer una presentación con tus propias fotos, o una escena generada con título.",
            "あなた自身の写真でスライドショーを作るか、タイトル付きのシーンを生成できます。",
        ),
    ),
    "resolution": (
        ("render in {res}", "输出 {res}", "renderizar en {res}", "{res}出力"),
        (
            "I can make 1080p (the default) or 720p.",
            "我可以输出 1080p（默认）或 720p。",
            "Puedo hacerlo en 1080p (por defecto) o 720p.",
            "1080p（標準）または720pで作れます。",
        ),
    ),
    "avatar": (
        (
            "make talking avatars or presenters",
            "制作数字人或虚拟主播",
            "crear avatares ni presentadores que hablen",
            "話すアバターやプレゼンターの作成",
        ),
        (
            "I can put your words on screen as a title and captions over a generated scene or your photos.",
            "我可以把你的文字做成标题和字幕，放在生成的场景或你的照片上。",
            "Puedo poner tu texto en pantalla como título y subtítulos sobre una escena generada o tus fotos.",
            "代わりに、生成したシーンやあなたの写真の上にタイトルとキャプションで言葉を表示できます。",
        ),
    ),
    "dub": (
        (
            "dub or translate speech",
            "配音或翻译语音",
            "doblar ni traducir la voz",
            "吹き替えや音声の翻訳",
        ),
        (
            "I can add captions in another language if you write them in quotes.",
            "如果你用引号写出译文，我可以把它加成字幕。",
            "Puedo añadir subtítulos en otro idioma si los escribes entre comillas.",
            "訳文を「」で書いていただければ、字幕として追加できます。",
        ),
    ),
    "clone": (
        (
            "clone or imitate a voice",
            "克隆或模仿声音",
            "clonar ni imitar una voz",
            "声のクローンや模倣",
        ),
        (
            "I can use an audio file you upload as the soundtrack, or add background music.",
            "我可以使用你上传的音频作为配乐，或添加背景音乐。",
            "Puedo usar un audio que subas como banda sonora, o añadir música de fondo.",
            "アップロードした音声をBGMとして使うか、BGMを追加できます。",
        ),
    ),
    "publish": (
        (
            "upload to social networks",
            "上传到社交平台",
            "publicar en redes sociales",
            "SNSへの投稿",
        ),
        (
            "Export the MP4 and post it yourself; I can make it vertical (9:16) for TikTok or Reels.",
            "请导出 MP4 后自行发布；我可以把它做成竖屏（9:16）适配抖音。",
            "Exporta el MP4 y publícalo tú; puedo hacerlo vertical (9:16) para TikTok o Reels.",
            "MP4を書き出してご自身で投稿してください。TikTokやリール向けに縦型（9:16）にできます。",
        ),
    ),
    "footage": (
        (
            "generate real-world footage",
            "生成真实世界的画面",
            "generar metraje real",
            "実写映像の生成",
        ),
        (
            "I synthesise stylised scenes (city, mountains, forest, sea, desert, sky) or use your uploads.",
            "我可以生成风格化场景（城市、山脉、森林、大海、沙漠、天空），或使用你上传的素材。",
            "Genero escenas estilizadas (ciudad, montañas, bosque, mar, desierto, cielo) o uso tus archivos.",
            "様式化されたシーン（都市・山・森・海・砂漠・空）を生成するか、アップロードした素材を使えます。",
        ),
    ),
}

NAMES: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "tod": {
        "dawn": ("at dawn", "黎明", "al amanecer", "夜明け"),
        "day": ("by day", "白天", "de día", "昼"),
        "sunset": ("at sunset", "日落时分", "al atardecer", "夕暮れ"),
        "night": ("at night", "夜晚", "de noche", "夜"),
    },
    "land": {
        "city": ("a city skyline", "城市天际线", "un horizonte urbano", "都市のスカイライン"),
        "mountains": ("mountains", "山脉", "montañas", "山々"),
        "forest": ("a forest", "森林", "un bosque", "森"),
        "sea": ("the sea", "大海", "el mar", "海"),
        "desert": ("a desert", "沙漠", "un desierto", "砂漠"),
        "none": ("an open sky", "天空", "un cielo abierto", "空"),
    },
    "fx": {
        "rain": ("rain", "雨", "lluvia", "雨"),
        "snow": ("snow", "雪", "nieve", "雪"),
        "fog": ("fog", "雾", "niebla", "霧"),
        "clouds": ("clouds", "云", "nubes", "雲"),
        "stars": ("stars", "星星", "estrellas", "星"),
        "birds": ("birds", "飞鸟", "pájaros", "鳥"),
        "fireworks": ("fireworks", "烟花", "fuegos artificiales", "花火"),
        "leaves": ("falling leaves", "落叶", "hojas que caen", "落ち葉"),
        "petals": ("petals", "花瓣", "pétalos", "花びら"),
    },
    "mood": {
        "calm": ("Calm", "舒缓", "tranquila", "穏やかな"),
        "ambient": ("Ambient", "氛围", "ambiental", "アンビエント"),
        "lofi": ("Lo-fi", "Lo-fi", "lo-fi", "ローファイ"),
        "upbeat": ("Upbeat", "欢快", "animada", "アップテンポな"),
        "dramatic": ("Dramatic", "史诗", "épica", "ドラマチックな"),
        "synthwave": ("Synthwave", "合成器浪潮", "synthwave", "シンセウェーブ"),
        "celebratory": ("Celebratory", "喜庆", "festiva", "お祝いの"),
        "corporate": ("Corporate", "商务", "corporativa", "ビジネス向けの"),
    },
    "palette": {
        "mono": ("black and white", "黑白", "en blanco y negro", "モノクロ"),
        "warm": ("warm tones", "暖色调", "tonos cálidos", "暖色系"),
        "cool": ("cool tones", "冷色调", "tonos fríos", "寒色系"),
        "pastel": ("pastel colours", "马卡龙色", "colores pastel", "パステルカラー"),
        "neon": ("neon colours", "霓虹色", "colores neón", "ネオンカラー"),
        "vivid": ("vivid colours", "鲜艳色彩", "colores vivos", "鮮やかな色"),
        "natural": ("natural colours", "自然色彩", "colores naturales", "自然な色"),
    },
    "motion": {
        "pan": ("slow pan", "缓慢平移镜头", "paneo lento", "ゆっくりパン"),
        "zoom": ("slow zoom", "缓慢推近", "zoom lento", "ゆっくりズーム"),
        "drift": ("gentle drift", "缓慢漂移", "deriva suave", "ゆるやかなドリフト"),
        "still": ("still camera", "固定镜头", "cámara fija", "固定カメラ"),
    },
    "pos": {
        "top-center": ("the top", "顶部", "arriba", "上部"),
        "center": ("the center", "中间", "el centro", "中央"),
        "bottom-center": ("the bottom", "底部", "abajo", "下部"),
        "top-left": ("the top left", "左上", "arriba a la izquierda", "左上"),
        "top-right": ("the top right", "右上", "arriba a la derecha", "右上"),
        "bottom-left": ("the bottom left", "左下", "abajo a la izquierda", "左下"),
        "bottom-right": ("the bottom right", "右下", "abajo a la derecha", "右下"),
        "lower-third": ("the lower third", "下三分之一处", "el tercio inferior", "画面下部3分の1"),
    },
}

_JOIN = {"en": " · ", "zh-CN": "；", "es": " · ", "ja": "／"}


def _index(lang: str) -> int:
    return _ORDER.index(lang) if lang in _ORDER else 0


def say(lang: str, key: str, **values: Any) -> str:
    """The ``key`` template in ``lang`` filled with ``values``."""
    return TEMPLATES[key][_index(lang)].format(**values)


def name(lang: str, kind: str, value: str) -> str:
    """The localised name of a draft value (a time of day, a mood, a position…)."""
    return NAMES[kind][value][_index(lang)]


def limitation(lang: str, key: str, **values: Any) -> str:
    """The honest reply for something the studio cannot do, with what it can do instead."""
    what, instead = LIMITS[key]
    i = _index(lang)
    return say(lang, "limit", what=what[i].format(**values), instead=instead[i])


def seconds(lang: str, ms: int) -> str:
    """A duration such as "15 s" / "15 秒" / "15秒"."""
    value = f"{ms / 1000:.1f}".rstrip("0").rstrip(".")
    return {"zh-CN": f"{value} 秒", "ja": f"{value}秒"}.get(lang, f"{value} s")


def span(lang: str, st: int, d: int) -> str:
    """A time range such as "0–15 s"."""
    start = f"{st / 1000:.1f}".rstrip("0").rstrip(".")
    return f"{start}–{seconds(lang, st + d)}"


def join(lang: str, items: list[str]) -> str:
    """Items of a summary, joined the way the language lists things."""
    return _JOIN.get(lang, " · ").join(items)


def bullets(items: list[str]) -> str:
    """A compact list, one item a line."""
    return "\n".join(f"- {item}" for item in items)


def details(lang: str, items: list[str], notes: list[str]) -> str:
    """What a generation added beyond its opening sentence, as a list, then any notes."""
    parts = [bullets(items)] if items else []
    if notes:
        parts.append(sentences(lang, notes))
    return "\n".join(parts)


def changed(lang: str, changes: list[str], misses: list[str]) -> str:
    """An edit's reply said once: the one change as a sentence, or a count and a list; then what it could not do."""
    head = (
        sentences(lang, changes)
        if len(changes) == 1
        else say(lang, "changes_head", count=len(changes))
    )
    body = "" if len(changes) == 1 else "\n" + bullets(changes)
    tail = ("\n" if body else " " if lang not in ("zh-CN", "ja") else "") + sentences(lang, misses)
    return head + body + (tail if misses else "")


def sentences(lang: str, parts: list[str]) -> str:
    """Short remarks as sentences, ended and spaced the way the language does."""
    if lang in ("zh-CN", "ja"):
        return "".join(p if p.endswith("。") else p + "。" for p in parts)
    return " ".join(p if p.endswith((".", "!", "?")) else p + "." for p in parts)


def music_phrase(lang: str, mood: str, vol: float, st: int, d: int) -> str:
    """ "Calm music at 35% (0–15 s)" in ``lang``."""
    return say(
        lang,
        "item_music",
        mood=name(lang, "mood", mood),
        vol=round(vol * 100),
        span=span(lang, st, d),
    )


def list_join(lang: str, parts: list[str]) -> str:
    """Phrases joined with the language's list comma."""
    return {"zh-CN": "，", "ja": "、"}.get(lang, ", ").join(parts)


def describe_scene(lang: str, tod: str, land: str, fx: list[str]) -> str:
    """A scene in words: "a city skyline at sunset with birds" / "日落时分的城市天际线，伴有飞鸟"."""
    t, ld = name(lang, "tod", tod), name(lang, "land", land)
    effects = [name(lang, "fx", f) for f in fx]
    if lang == "zh-CN":
        return f"{t}的{ld}" + (f"，伴有{'、'.join(effects)}" if effects else "")
    if lang == "ja":
        return f"{t}の{ld}" + (f"（{'・'.join(effects)}）" if effects else "")
    joiner = " y " if lang == "es" else " and "
    tail = (
        (", ".join(effects[:-1]) + joiner + effects[-1]) if len(effects) > 1 else "".join(effects)
    )
    return f"{ld} {t}" + ((" con " if lang == "es" else " with ") + tail if effects else "")
