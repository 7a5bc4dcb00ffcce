/// What the next usage report created through `POST /api/2/reports` comes out as, instead of a
/// saved file of the world's usage: lets a test see a client cope with a report that fails,
/// takes a while, or is not what the API documents. Scripted outcomes queue in order.
public enum ScriptedReport: Sendable, Hashable {
    /// The stored file has status `failed` and no content.
    case failed
    /// The stored file reads `in_progress` for this many polls of `/stored`, then `saved`.
    case inProgress(polls: Int)
    /// The stored file is this content (gzipped, as every download is) instead of the report.
    case content([UInt8])
    /// The download is these bytes as they are, not gzipped.
    case rawBody([UInt8])
}
