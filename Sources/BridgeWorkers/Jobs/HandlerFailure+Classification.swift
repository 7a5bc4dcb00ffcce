import APIClients
import BridgeCore
import BridgeState

extension HandlerFailure {
    /// The verdict on an error from a PSA or cloud call or from the settings:
    /// - rate limits (429, Autotask thread limits, the Autotask hourly budget), 5xx, timeouts and
    ///   lost connections are transient, with the API's `Retry-After` when it gave one;
    /// - credentials refused (401, 403), unreadable secrets, stored settings that fail their
    ///   schema, and ticket settings that name PSA objects which do not exist are configuration
    ///   failures: a state of the worker, which pauses it (``WorkerReadiness``) instead of
    ///   failing the message;
    /// - other API errors (4xx validation, not found, a response that is not what the API
    ///   documents) are permanent, with the API's own message;
    /// - anything else (the state database, cancellation) is passed on as it is, which the
    ///   pipeline retries.
    static func classify(_ error: any Error) -> any Error {
        if let reason = configurationReason(of: error) { return HandlerFailure.configuration(reason) }
        switch error {
        case let failure as HandlerFailure:
            return failure
        case let api as APIError:
            return api.isTransient
                ? HandlerFailure.transient(api.description, retryAfter: api.retryAfter)
                : HandlerFailure.permanent(api.description)
        default:
            return error
        }
    }

    /// Whether a job that works company by company may record `verdict` (a ``classify(_:)``
    /// result) on the company's mapping and go on, leaving the company for its next tick (SPEC
    /// P7): an API's refusal, a plan the rules refuse. Not so for what is not the company's fault
    /// and what the next tick may never come back for: a transient or configuration failure, a
    /// failure of the state database itself (a lock wait that timed out, a conflict that kept
    /// aborting, a lost connection) or a cancellation. Those are passed on, so the pipeline
    /// retries the message.
    static func staysOnCompany(_ verdict: any Error) -> Bool {
        switch verdict {
        case HandlerFailure.permanent, HandlerFailure.noHandler: true
        case HandlerFailure.transient, HandlerFailure.configuration: false
        case StateStoreError.database, StateStoreError.cannotOpen, StateStoreError.setupLockTimeout: false
        case is CancellationError: false
        default: true
        }
    }

    /// The reason when `error` is a configuration failure (see ``classify(_:)``), else nil.
    public static func configurationReason(of error: any Error) -> String? {
        switch error {
        case HandlerFailure.configuration(let reason):
            return reason
        case let api as APIError where api.status == 401 || api.status == 403:
            return "\(api.service.rawValue) refused the credentials: \(api.description)"
        case let settings as TicketSettingsError:
            return settings.description
        case let settings as ProvisioningSettingsError:
            return settings.description
        case let secret as SecretSetupError:
            return secret.description
        case let settings as SettingsError:
            return "the stored settings are invalid: \(settings)"
        default:
            return nil
        }
    }
}
