/// Who uses a channel number.
enum ChannelOwner: Equatable {
    case control
    case get
    case publisher(Int)
    case consumer(Int)
}
