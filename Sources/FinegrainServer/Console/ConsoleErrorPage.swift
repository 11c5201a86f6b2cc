import Foundation
import HTTPTypes
import Hummingbird

/// A refusal or failure on a console page, as a small HTML page in the reader's language (the API
/// answers problem details instead). Built without templates so it works even if they do not.
enum ConsoleErrorPage {
    static func response(_ problem: Problem, language: ConsoleLanguage, requestID: String) -> Response {
        let title = language.strings["error"] ?? ""
        let message = language.message(for: problem)
        let html = """
            <!DOCTYPE html><html lang="\(language.htmlLang)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
            <title>\(problem.status.code) · \(HTML.escape(title))</title><link rel="stylesheet" href="/console/static/console.css"></head>
            <body><main id="main"><section class="card narrow"><h1>\(problem.status.code) \(HTML.escape(title))</h1>
            <p class="error" role="alert">\(HTML.escape(message))</p><p><a href="/console">\(language.pick("返回工作台", "Back to the console"))</a></p>
            <p class="muted">\(language.pick("请求编号", "Request id")) \(HTML.escape(requestID))</p></section></main></body></html>
            """
        var headers = problem.headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: problem.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

}
