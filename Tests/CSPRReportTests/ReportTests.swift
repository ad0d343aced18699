import CSPRClassify
import CSPRReport
import Foundation
import Testing
import _CSPRTestSupport

/// Runs `cspr analyse corpus-samples` once into a temporary folder for the tests below.
let sampleReports: URL = {
  do {
    let folder = try TestSupport.temporaryDirectory().appendingPathComponent("out")
    let result = try TestSupport.run([
      "analyse", "corpus-samples", "--out", folder.path, "--jobs", "2",
    ])
    precondition(result.status == 0, "cspr analyse failed: \(result.stderr)")
    return folder
  } catch {
    fatalError("cannot run cspr: \(error)")
  }
}()

func report(_ relative: String) throws -> String {
  try String(contentsOf: sampleReports.appendingPathComponent(relative), encoding: .utf8)
}

@Suite("Corpus reports on the samples")
struct SampleReportTests {
  @Test("analyse writes every file the overview promises")
  func files() throws {
    for name in [
      "overview.html", "overview.md", "reviews.html", "reviews.md", "analysis.json",
      "data/reviews.csv", "data/recommendations.csv", "data/findings.csv", "data/theme-matrix.csv",
      "themes/voice-of-the-child.html", "themes/voice-of-the-child.md",
    ] {
      #expect(
        FileManager.default.fileExists(atPath: sampleReports.appendingPathComponent(name).path),
        "\(name)")
    }
  }

  @Test(
    "Markdown and CSV outputs match their snapshots",
    arguments: [
      "overview.md", "reviews.md", "themes/voice-of-the-child.md", "data/reviews.csv",
      "data/recommendations.csv", "data/findings.csv", "data/theme-matrix.csv",
    ])
  func snapshots(name: String) throws {
    let text = try report(name)
    #expect(Snapshot.mismatch(text, named: name.replacingOccurrences(of: "/", with: "_")) == nil)
  }

  @Test("the CSV files give each tag its score and the calibration's confidence for that score")
  func confidenceColumns() throws {
    let taxonomy = try TaxonomyLoader.bundled()
    let rows =
      CSVReader.records(try report("data/recommendations.csv"))
      + CSVReader.records(try report("data/findings.csv"))
    var tagged = 0
    for row in rows {
      func pairs(_ column: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for pair in (row[column] ?? "").split(separator: ";") {
          let parts = pair.split(separator: "=")
          if parts.count == 2 { out[String(parts[0])] = Double(parts[1]) }
        }
        return out
      }
      let themes = (row["themes"] ?? "").split(separator: ";").map(String.init)
      let scores = pairs("theme_scores")
      let confidence = pairs("theme_confidence")
      #expect(Set(scores.keys) == Set(themes))
      #expect(Set(confidence.keys) == Set(themes))
      for theme in themes {
        let score = try #require(scores[theme])
        #expect(confidence[theme] == taxonomy.confidence(score: score), "\(theme) at \(score)")
      }
      tagged += themes.isEmpty ? 0 : 1
    }
    #expect(tagged > 100)
  }

  @Test("every count in the overview can be reproduced from the CSV files")
  func countsFromCSV() throws {
    let json =
      try JSONSerialization.jsonObject(with: Data(report("analysis.json").utf8)) as? [String: Any]
    let analysis = try #require(json)
    let reviews = CSVReader.records(try report("data/reviews.csv"))
    let recommendations = CSVReader.records(try report("data/recommendations.csv"))
    let findings = CSVReader.records(try report("data/findings.csv"))
    let matrix = CSVReader.records(try report("data/theme-matrix.csv"))

    #expect(analysis["review_count"] as? Int == reviews.count)
    #expect(analysis["recommendation_count"] as? Int == recommendations.count)
    #expect(analysis["finding_count"] as? Int == findings.filter { $0["kind"] == "finding" }.count)
    #expect(
      analysis["good_practice_count"] as? Int
        == findings.filter { $0["kind"] == "good_practice" }.count)

    // Reviews by year, type and partnership.
    func tally(_ key: String) -> [String: Int] {
      var out: [String: Int] = [:]
      for row in reviews {
        out[(row[key] ?? "").isEmpty ? "unknown" : row[key] ?? "", default: 0] += 1
      }
      return out
    }
    for (jsonKey, column) in [
      ("by_year", "year"), ("by_type", "review_type"), ("by_partnership", "partnership"),
    ] {
      let listed = (analysis[jsonKey] as? [[String: Any]] ?? []).map {
        ($0["label"] as? String ?? "", $0["count"] as? Int ?? -1)
      }
      #expect(Dictionary(uniqueKeysWithValues: listed) == tally(column), "\(jsonKey)")
    }

    // Theme prevalence: reviews touching each theme, and items tagged, per kind.
    for theme in analysis["themes"] as? [[String: Any]] ?? [] {
      let id = try #require(theme["id"] as? String)
      func tagged(_ rows: [[String: String]]) -> Int {
        rows.filter { ($0["themes"] ?? "").split(separator: ";").contains(Substring(id)) }.count
      }
      #expect(
        theme["reviews"] as? Int == matrix.filter { Int($0[id] ?? "0") ?? 0 > 0 }.count, "\(id)")
      #expect(theme["recommendations"] as? Int == tagged(recommendations), "\(id)")
      #expect(
        theme["findings"] as? Int == tagged(findings.filter { $0["kind"] == "finding" }), "\(id)")
    }

    // Owners and the quality profile.
    var owners: [String: Int] = [:]
    for row in recommendations where !(row["owner_agency"] ?? "").isEmpty {
      owners[row["owner_agency"] ?? "", default: 0] += 1
    }
    let listedOwners = (analysis["owners"] as? [[String: Any]] ?? []).map {
      ($0["label"] as? String ?? "", $0["count"] as? Int ?? -1)
    }
    #expect(Dictionary(uniqueKeysWithValues: listedOwners) == owners)
    let quality = try #require(analysis["quality"] as? [String: Any])
    #expect(
      quality["with_owner"] as? Int == recommendations.filter { $0["has_owner"] == "yes" }.count)
    #expect(
      quality["with_measure"] as? Int == recommendations.filter { $0["has_measure"] == "yes" }.count
    )
    #expect(
      quality["with_timescale"] as? Int
        == recommendations.filter { $0["has_timescale"] == "yes" }.count)
    #expect(
      quality["aimed_at_managers"] as? Int
        == recommendations.filter { ($0["level"] ?? "") != "practitioner" }.count)
  }

  @Test("the overview's Markdown table shows the counts of analysis.json")
  func overviewMatchesJSON() throws {
    let overview = try report("overview.md")
    let json =
      try JSONSerialization.jsonObject(with: Data(report("analysis.json").utf8)) as? [String: Any]
    for theme in (json?["themes"] as? [[String: Any]] ?? [])
    where (theme["reviews"] as? Int ?? 0) > 0 {
      let id = theme["id"] as? String ?? ""
      let line = overview.split(separator: "\n").first { $0.contains("(themes/\(id).md)") }
      #expect(line?.contains("| \(theme["reviews"] as? Int ?? -1) |") == true, "\(id)")
    }
  }

  @Test("analysis.json, written a piece at a time, is what one encoding of the whole gives")
  func streamedJSON() throws {
    struct Entry: Codable {
      var noteText: String
      var tags: [String]
      var counts: [String: Int]
    }
    struct Document: Codable {
      var bigList: [Entry]
      var count: Int
      var emptyList: [Entry]
      var zebra: [Entry]
    }
    let entries = [
      Entry(noteText: "A \"quoted\"\nline — café / slash", tags: [], counts: [:]),
      Entry(noteText: "", tags: ["voice-of-the-child", "neglect"], counts: ["b": 2, "a": 1]),
    ]
    let whole = Document(bigList: entries, count: 2, emptyList: [], zebra: entries.reversed())
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var rest = whole
    rest.bigList = []
    rest.zebra = []
    var streamed = ""
    try StreamedJSON(encoder: encoder).write(
      rest, filling: [("zebra", whole.zebra), ("big_list", whole.bigList), ("empty_list", [])],
      to: { streamed += $0 })
    #expect(streamed == String(decoding: try encoder.encode(whole), as: UTF8.self))
    // The file cspr writes parses and holds every review.
    let data = try Data(contentsOf: sampleReports.appendingPathComponent("analysis.json"))
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    #expect((object?["reviews"] as? [Any])?.count == 17)
    #expect((object?["recurring"] as? [Any])?.isEmpty == false)
  }

  @Test("CSV files open cleanly in Excel: BOM, CRLF, quoted cells, one header")
  func excel() throws {
    let data = try Data(
      contentsOf: sampleReports.appendingPathComponent("data/recommendations.csv"))
    #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\r\n"))
    let rows = CSVReader.rows(text)
    #expect(rows.allSatisfy { $0.count == rows[0].count })
  }

  @Test("a learning pack on the voice of the child has its sections")
  func pack() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try TestSupport.run([
      "pack", "--theme", "voice-of-the-child", "corpus-samples", "--out", folder.path,
      "--partnership", "Northmoor <Safeguarding> Partnership",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(
      contentsOf: folder.appendingPathComponent("voice-of-the-child-pack.html"), encoding: .utf8)
    for section in [
      "Why it matters", "How often it appears", "Key learning", "Recurring recommendations",
      "What good practice looked like", "Questions for reflection", "Sources",
    ] {
      #expect(html.contains(section), "\(section)")
    }
    #expect(html.contains("Northmoor &lt;Safeguarding&gt; Partnership"))
    #expect(!html.contains("<Safeguarding>"))
    #expect(html.contains("@page { size: A4"))
    #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
    let markdown = try String(
      contentsOf: folder.appendingPathComponent("voice-of-the-child-pack.md"), encoding: .utf8)
    #expect(markdown.hasPrefix("# Working Together Better: Voice of the child"))
  }

  @Test("a finding without a title is headed by its kind, never by the page's own title")
  func untitledFinding() throws {
    // The pack's context has a `title` (the pack's); a finding without one must not borrow it.
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let review = folder.appendingPathComponent("review.md")
    try Data(
      """
      # Child Safeguarding Practice Review: Child K

      Published by Eastmere Safeguarding Children Partnership, March 2024.

      ## Findings

      1. Child K was not seen alone by any practitioner in the year before the incident, and \
      no one asked her what life at home was like.

      ## Recommendations

      1. The partnership should ensure that practitioners see and speak to children alone.
      """.utf8
    ).write(to: review)
    let result = try TestSupport.run([
      "pack", "--theme", "voice-of-the-child", review.path, "--out", folder.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("1 of 1 review touches Voice of the child"))
    let markdown = try String(
      contentsOf: folder.appendingPathComponent("voice-of-the-child-pack.md"), encoding: .utf8)
    #expect(markdown.contains("### Finding 1\n"))
    #expect(
      markdown.components(separatedBy: "Working Together Better: Voice of the child").count == 2)
    #expect(markdown.contains("1 of 1 review (100%) · 1 finding · 1 recommendation"))
  }
}

@Suite("Hostile review text")
struct HostileTextTests {
  static let hostile = """
    <html><head><title>x</title></head><body>
    <h1>CSPR: Child Z <script>alert('title')</script></h1>
    <p>Published: May 2023. Northmoor Safeguarding Children Partnership.</p>
    <h2>Findings</h2>
    <h3>Finding 1: The child &lt;script&gt;alert(1)&lt;/script&gt; was not seen alone</h3>
    <p>Nobody saw the child alone | **bold** [link](javascript:alert(1)) \u{202E}reversed text.</p>
    <h2>Recommendations</h2>
    <ol><li>=HYPERLINK("http://evil.example","click") The partnership should share information with the GP.</li>
    <li>@SUM(1,2) Children's social care should ensure the child is seen alone.</li></ol>
    </body></html>
    """

  @Test("review text is escaped in HTML, neutralised in CSV and Markdown")
  func escaped() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("hostile.html")
    try Data(Self.hostile.utf8).write(to: input)
    let out = folder.appendingPathComponent("out")
    let result = try TestSupport.run(["analyse", input.path, "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    let enumerator = FileManager.default.enumerator(atPath: out.path)
    var htmlFiles = 0
    while let name = enumerator?.nextObject() as? String {
      guard name.hasSuffix(".html") || name.hasSuffix(".md") else { continue }
      let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
      if name.hasSuffix(".html") {
        htmlFiles += 1
        #expect(!text.lowercased().contains("<script"), "\(name) contains a script tag")
        #expect(!text.contains("\u{202E}"), "\(name) keeps a right-to-left override")
      }
      if name.hasSuffix(".md") {
        // In Markdown, "\<" is a literal angle bracket; an unescaped one would be raw HTML.
        #expect(!text.replacingOccurrences(of: "\\<", with: "").contains("<script"), "\(name)")
      }
    }
    #expect(htmlFiles >= 3)
    let csv = try String(
      contentsOf: out.appendingPathComponent("data/recommendations.csv"), encoding: .utf8)
    let texts = CSVReader.records(csv).map { $0["text"] ?? "" }
    #expect(texts.contains { $0.hasPrefix("'=HYPERLINK") })
    #expect(texts.contains { $0.hasPrefix("'@SUM") })
    #expect(!texts.contains { $0.hasPrefix("=") || $0.hasPrefix("@") })
    let theme = try String(
      contentsOf: out.appendingPathComponent("themes/voice-of-the-child.md"), encoding: .utf8)
    #expect(theme.contains("\\*\\*bold\\*\\*"))
    #expect(theme.contains("\\[link\\]"))
  }

  @Test("a file in the output folder that cspr did not write is kept unless --force")
  func noClobber() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let mine = folder.appendingPathComponent("overview.html")
    try Data("my own notes".utf8).write(to: mine)
    let refused = try TestSupport.run([
      "analyse", TestSupport.sample("cspr-sudi-baby-b.txt"), "--out", folder.path,
    ])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("--force"))
    #expect(try String(contentsOf: mine, encoding: .utf8) == "my own notes")
    let forced = try TestSupport.run([
      "analyse", TestSupport.sample("cspr-sudi-baby-b.txt"), "--out", folder.path, "--force",
    ])
    #expect(forced.status == 0)
    #expect(try String(contentsOf: mine, encoding: .utf8).contains("<!DOCTYPE html>"))
    // A second run replaces its own files without --force.
    let again = try TestSupport.run([
      "analyse", TestSupport.sample("cspr-sudi-baby-b.txt"), "--out", folder.path,
    ])
    #expect(again.status == 0, "\(again.stderr)")
  }

  @Test("an output folder inside the input folder is not read as input")
  func outputInsideInput() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(
      atPath: TestSupport.sample("cspr-sudi-baby-b.txt"),
      toPath: folder.appendingPathComponent("b.txt").path)
    let out = folder.appendingPathComponent("reports").path
    _ = try TestSupport.run(["analyse", folder.path, "--out", out])
    let second = try TestSupport.run(["analyse", folder.path, "--out", out])
    #expect(second.status == 0)
    #expect(second.stderr.contains("cspr: 1 review, 5 recommendations"))
  }
}
