import APIClients
import BridgeCore
import BridgeState

extension HandlerFailure {
    /// The verdict on an error from a PSA or cloud call or from the ticket settings:
    /// - rate limits (429, Autotask thread limits, the Autotask hourly budget), 5xx, timeouts and
    ///   lost connections are transient, with the API's `Retry-After` when it gave one;
    /// - other API errors (4xx validation, not found, a response that is not what the API
    ///   documents) are permanent, with the API's own message;
    /// - settings that name PSA objects which do not exist, and unreadable secrets, are permanent
    ///   (the message is dead-lettered with the reason and replayed once the settings are fixed);
    /// - anything else (the state database, cancellation) is passed on as it is, which the
    ///   pipeline retries.
    static func classify(_ error: any Error) -> any Error {
        switch error {
        case let failure as HandlerFailure:
            return failure
        case let api as APIError:
            return api.isTransient
                ? HandlerFailure.transient(api.description, retryAfter: api.retryAfter)
                : HandlerFailure.permanent(api.description)
        case let settings as TicketSettingsError:
            return HandlerFailure.permanent(settings.description)
        case let secret as SecretSetupError:
            return HandlerFailure.permanent(secret.description)
        case let settings as SettingsError:
            return HandlerFailure.permanent("the stored settings are invalid: \(settings)")
        default:
            return error
        }
    }
}
