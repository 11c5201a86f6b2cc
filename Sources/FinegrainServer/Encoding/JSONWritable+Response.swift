import FinegrainCore
import Hummingbird

extension JSONWritable {
    /// The value as a JSON response (in the form ``FinegrainRequestContext/responseEncoder`` gives).
    func jsonResponse() -> Response {
        var writer = JSONWriter(capacity: 32_768)
        writeJSON(to: &writer)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }
}
