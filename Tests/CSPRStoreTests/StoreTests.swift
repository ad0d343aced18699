import CSPRModel
import CSPRStore
import Foundation
import Testing
import _CSPRTestSupport

func review(_ id: String, source: String, title: String, items: [Item]) -> ExtractedReview {
  ExtractedReview(
    id: id, source: source, format: .text,
    metadata: ReviewMetadata(
      title: title, partnership: "Northmoor Safeguarding Children Partnership", year: 2022),
    recommendations: items.filter { $0.kind == .recommendation },
    findings: items.filter { $0.kind == .finding })
}

@Suite("Corpus store")
struct StoreTests {
  @Test("a review round-trips through the store unchanged")
  func roundTrip() throws {
    let store = try CorpusDatabase()
    var item = Item(
      kind: .recommendation, number: "1", text: "The ICB should audit supervision.",
      owner: "The ICB", section: "6. Recommendations", position: 12)
    item.themes = [
      ThemeTag(
        theme: "supervision", score: 3,
        evidence: [
          Evidence(phrase: "supervision", matched: "supervision", offset: 21, length: 11, weight: 3)
        ])
    ]
    let original = review("a1", source: "a.txt", title: "Review A", items: [item])
    try store.replace(original, document: nil)
    let stored = try #require(try store.reviews().first)
    #expect(stored.recommendations == original.recommendations)
    #expect(stored.metadata == original.metadata)
    #expect(try store.schemaVersion() == 1)
  }

  @Test("replacing a source replaces its rows; nothing is duplicated")
  func replace() throws {
    let store = try CorpusDatabase()
    let first = review(
      "v1", source: "a.txt", title: "Version 1",
      items: [Item(kind: .finding, text: "Old finding.", section: "F", position: 1)])
    let second = review(
      "v2", source: "a.txt", title: "Version 2",
      items: [Item(kind: .finding, text: "New finding.", section: "F", position: 1)])
    try store.replace(first, document: nil)
    try store.replace(second, document: nil)
    #expect(try store.counts() == (1, 1))
    #expect(try store.storedID(source: "a.txt") == "v2")
    #expect(try store.search(SearchQuery(text: "old")).isEmpty)
  }

  @Test("search finds a phrase across reviews, with citations and the match marked")
  func search() throws {
    let store = try CorpusDatabase()
    try store.replace(
      review(
        "a", source: "a.txt", title: "Child A",
        items: [
          Item(
            kind: .finding, title: "Seeing the child",
            text: "Child A was never seen alone by a social worker.",
            section: "5. Findings › Finding 1", position: 30),
          Item(
            kind: .recommendation, text: "The partnership should audit supervision.",
            section: "6. Recommendations", position: 40),
        ]), document: nil)
    try store.replace(
      review(
        "b", source: "b.txt", title: "Baby B",
        items: [
          Item(
            kind: .recommendation,
            text: "Practitioners should ensure the child is seen alone at every visit.",
            section: "7. Recommendations", position: 50),
          Item(
            kind: .finding,
            text: "The social worker was alone with the mother; the child was seen briefly.",
            section: "5. Findings", position: 20),
        ]), document: nil)
    let hits = try store.search(SearchQuery(text: "\"seen alone\""))
    #expect(Set(hits.map(\.title)) == ["Child A", "Baby B"])
    let a = try #require(hits.first { $0.title == "Child A" })
    #expect(a.section == "5. Findings › Finding 1")
    #expect(a.position == 30)
    #expect(a.snippet.contains("[seen] [alone]") || a.snippet.contains("[seen alone]"))
    let recommendations = try store.search(
      SearchQuery(text: "\"seen alone\"", kind: .recommendation))
    #expect(recommendations.map(\.title) == ["Baby B"])
    #expect(try store.search(SearchQuery(text: "\"seen alone\"", years: 2019...2021)).isEmpty)
  }

  @Test("a malformed search is a clear error, not a crash")
  func badSearch() throws {
    let store = try CorpusDatabase()
    #expect(throws: CorpusDatabase.StoreError.self) {
      try store.search(SearchQuery(text: "\"unclosed"))
    }
  }

  @Test("re-tagging changes the themes and nothing else")
  func retag() throws {
    let store = try CorpusDatabase()
    try store.replace(
      review(
        "a", source: "a.txt", title: "A",
        items: [
          Item(
            kind: .finding, text: "Neglect was cumulative.", section: "F", position: 1,
            themes: [ThemeTag(theme: "neglect", score: 3, evidence: [])])
        ]), document: nil)
    let before = try store.reviews()
    let changed = try store.retag { _, _, _ in
      [ThemeTag(theme: "record-keeping", score: 2, evidence: [])]
    }
    let after = try store.reviews()
    #expect(changed == 1)
    #expect(after.first?.findings.first?.themeIDs == ["record-keeping"])
    var expected = before
    expected[0].findings[0].themes = after[0].findings[0].themes
    #expect(after.map(\.findings) == expected.map(\.findings))
    #expect(after.map(\.metadata) == before.map(\.metadata))
  }

  @Test("prune removes reviews whose files are gone")
  func prune() throws {
    let store = try CorpusDatabase()
    try store.replace(review("a", source: "kept.txt", title: "A", items: []), document: nil)
    try store.replace(review("b", source: "gone.txt", title: "B", items: []), document: nil)
    #expect(try store.prune { $0 == "kept.txt" } == ["gone.txt"])
    #expect(try store.counts().reviews == 1)
  }
}

@Suite("cspr add and friends", .serialized)
struct AddCommandTests {
  /// A folder of `count` distinct reviews built from one sample.
  static func corpus(_ count: Int) throws -> URL {
    let folder = try TestSupport.temporaryDirectory()
    let text = try String(
      contentsOfFile: TestSupport.sample("cspr-sudi-baby-b.txt"), encoding: .utf8)
    for index in 0..<count {
      let copy = text.replacingOccurrences(of: "Baby B", with: "Baby B\(index)")
      try Data(copy.utf8).write(
        to: folder.appendingPathComponent(String(format: "review-%03d.txt", index)))
    }
    return folder
  }

  @Test("re-adding an unchanged corpus writes nothing; a changed file is re-processed alone")
  func incremental() throws {
    let folder = try Self.corpus(5)
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = folder.appendingPathComponent("store.sqlite").path
    let first = try TestSupport.run(["add", folder.path, "--db", db])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("added or updated 5"))
    let before = try CorpusDatabase(path: db).rowFingerprint()
    let again = try TestSupport.run(["add", folder.path, "--db", db])
    #expect(again.stderr.contains("added or updated 0, unchanged 5"))
    #expect(try CorpusDatabase(path: db).rowFingerprint() == before)
    let file = folder.appendingPathComponent("review-002.txt")
    try Data((try String(contentsOf: file, encoding: .utf8) + "\nA late addendum.\n").utf8).write(
      to: file)
    let changed = try TestSupport.run(["add", folder.path, "--db", db])
    #expect(changed.stderr.contains("added or updated 1, unchanged 4"))
    #expect(changed.stderr.contains("holds 5 reviews"))
  }

  @Test("a run killed part-way leaves a sound store; the next run completes it without duplicates")
  func killed() throws {
    let folder = try Self.corpus(120)
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = folder.appendingPathComponent("store.sqlite").path
    let process = Process()
    process.executableURL = TestSupport.binary
    process.arguments = ["add", folder.path, "--db", db, "--jobs", "1"]
    process.standardError = FileHandle.nullDevice
    try process.run()
    var stored = 0
    let deadline = Date().addingTimeInterval(60)
    while stored < 3 && process.isRunning && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
      stored = (try? CorpusDatabase(path: db).counts().reviews) ?? 0
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let store = try CorpusDatabase(path: db)
    #expect(try store.integrityCheck() == "ok")
    let partial = try store.counts().reviews
    #expect(partial < 120, "the run finished before it could be killed")
    let resumed = try TestSupport.run(["add", folder.path, "--db", db])
    #expect(resumed.status == 0)
    #expect(resumed.stderr.contains("holds 120 reviews"))
    #expect(try CorpusDatabase(path: db).reviews().count == 120)
  }

  @Test("analyse --db gives the same counts as analyse on the files")
  func analyseFromStore() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = folder.appendingPathComponent("s.sqlite").path
    #expect(try TestSupport.run(["add", "corpus-samples", "--db", db]).status == 0)
    let fromFiles = folder.appendingPathComponent("files")
    let fromStore = folder.appendingPathComponent("store")
    #expect(
      try TestSupport.run([
        "analyse", "corpus-samples", "--out", fromFiles.path, "--format", "json",
      ]).status == 0)
    #expect(
      try TestSupport.run(["analyse", "--db", db, "--out", fromStore.path, "--format", "json"])
        .status == 0)
    func load(_ url: URL) throws -> [String: Any] {
      let data = try Data(contentsOf: url.appendingPathComponent("analysis.json"))
      return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
    let a = try load(fromFiles)
    let b = try load(fromStore)
    for key in ["review_count", "recommendation_count", "finding_count", "good_practice_count"] {
      #expect(a[key] as? Int == b[key] as? Int, "\(key)")
    }
    let themesA = (a["themes"] as? [[String: Any]] ?? []).map {
      "\($0["id"] ?? "") \($0["reviews"] ?? "") \($0["recommendations"] ?? "") \($0["findings"] ?? "")"
    }
    let themesB = (b["themes"] as? [[String: Any]] ?? []).map {
      "\($0["id"] ?? "") \($0["reviews"] ?? "") \($0["recommendations"] ?? "") \($0["findings"] ?? "")"
    }
    #expect(themesA == themesB)
  }

  @Test("reclassify with a changed taxonomy changes the tags and nothing else")
  func reclassify() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = folder.appendingPathComponent("s.sqlite").path
    #expect(try TestSupport.run(["add", "corpus-samples", "--db", db]).status == 0)
    let before = try CorpusDatabase(path: db).reviews()
    #expect(before.flatMap(\.items).contains { $0.themeIDs.contains("neglect") })
    let overlay = folder.appendingPathComponent("local.yaml")
    try Data("themes:\n  - id: neglect\n    remove: true\n".utf8).write(to: overlay)
    let result = try TestSupport.run(["reclassify", "--db", db, "--taxonomy", overlay.path])
    #expect(result.status == 0, "\(result.stderr)")
    let after = try CorpusDatabase(path: db).reviews()
    #expect(!after.flatMap(\.items).contains { $0.themeIDs.contains("neglect") })
    #expect(after.map(\.id) == before.map(\.id))
    #expect(after.flatMap(\.items).map(\.text) == before.flatMap(\.items).map(\.text))
    #expect(after.map(\.metadata) == before.map(\.metadata))
  }
}
