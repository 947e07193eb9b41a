/// The sizes `tradesim draft` takes. Each is far above a real card (2–6 KB of text, a handful
/// of key decisions, one to three return bands a decision), so that a mistaken or hostile input
/// is refused at once, with what was found and what is allowed, instead of taking minutes and
/// gigabytes. Below them a draft's time is linear in the card's length (`CardPattern`).
package enum DraftLimits {
    /// A card's text, in bytes of UTF-8: 4 MiB.
    package static let cardBytes = 4 << 20
    /// Key-decision bullets on one card (each becomes a decision of the study).
    package static let decisions = 10_000
    /// Return bands read from one bullet; more are listed to decide, not drafted (each band's
    /// claim and condition may run to the bullet's end, so their text would grow with the
    /// square of the bullet's length).
    package static let bandsPerDecision = 8
}

extension DraftLimits {
    /// Side words read from one bullet, of each kind (long, short, "vs", weak); a real bullet has one to three.
    package static let sidesPerDecision = 16
    /// The Characters after a side word searched for its group.
    package static let groupWindow = 300
    /// Events × scenarios of a drafted study (every scenario holds every event, so the study's
    /// size and its validation grow with the product; a real card has a few of each).
    package static let scenarioEventPairs = 100_000
}
