import Testing
@testable import TradeSim

/// A study's optional playbook, checked once before a run (`requirePlaybook`), and the inputs a
/// run records.
@Suite("Study")
struct StudyTests {
    static let scenario = #"{"name": "s", "horizon": 5, "model": "scripted", "script": {"points": []}}"#

    @Test func aStudyOfScenariosOnlyIsRefusedForARun() throws {
        let study = try StudyText.study(StudyText.singleAsset(scenario: Self.scenario))
        #expect(study.playbook == nil)
        guard case let .failure(problem) = study.requirePlaybook(file: "s.json") else {
            Issue.record("a study without a playbook was accepted for a run")
            return
        }
        #expect(problem.description
                == #"s.json: found a study without a playbook; allowed: a study with a "playbook" to run (see README, Playbook)"#)
    }

    @Test func aStudyWithAPlaybookGivesIt() throws {
        var study = try StudyText.study(StudyText.singleAsset(scenario: Self.scenario))
        let playbook = try Playbook(capital: 1000, decisions: [DecisionSpec(id: "d", .basket(["A"]), size: .units(1))],
                                    universe: study.universe)
        study.playbook = playbook
        #expect(try study.requirePlaybook(file: "s.json").get().variants.map(\.decisionID) == ["d"])
    }

    /// The SHA-256 of "abc" (FIPS 180-2, appendix B.1), taken from the contents.
    @Test func aRunInputHashesItsContents() {
        let input = RunInput(role: "study", path: "s.json", contents: Array("abc".utf8))
        #expect(input.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(input.json == #"{"role": "study", "path": "s.json", "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}"#)
    }
}
