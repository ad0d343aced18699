import CSPRClassify
import Foundation
import Testing
import _CSPRTestSupport

@Suite("The cspr command line")
struct CommandLineTests {
  @Test("--help teaches: the main job first, with an example")
  func help() throws {
    let result = try TestSupport.run(["--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("cspr analyse corpus-samples --out reports"))
    for command in [
      "analyse", "pack", "ingest", "extract", "classify", "themes", "evaluate", "train",
    ] {
      #expect(result.stdout.contains(command), "\(command)")
    }
  }

  @Test("a wrong path is reported by name, the other files are still read, exit 1")
  func wrongPath() throws {
    let result = try TestSupport.run([
      "ingest", "no-such-review.html", TestSupport.sample("cspr-sudi-baby-b.txt"),
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("no-such-review.html: error: no such file or directory"))
    #expect(result.stdout.contains("cspr-sudi-baby-b.txt"))
  }

  @Test("a bad file is reported with its reason; good files are still processed")
  func badFile() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(
      to: folder.appendingPathComponent("photo.html"))
    try Data().write(to: folder.appendingPathComponent("empty.txt"))
    try FileManager.default.copyItem(
      atPath: TestSupport.sample("rapid-review-summary.md"),
      toPath: folder.appendingPathComponent("good.md").path)
    let result = try TestSupport.run(["extract", folder.path, "--format", "jsonl"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("photo.html: error: this is a binary file (PNG image)"))
    #expect(result.stderr.contains("empty.txt: error: the file is empty"))
    #expect(result.stdout.split(separator: "\n").count == 1)
  }

  @Test("usage errors exit 2 and say what is wrong")
  func usage() throws {
    let noPath = try TestSupport.run(["ingest"])
    #expect(noPath.status == 2)
    #expect(noPath.stderr.contains("name at least one review file"))
    let badFormat = try TestSupport.run(["ingest", "--format", "pdf", "x"])
    #expect(badFormat.status == 2)
    let badTheme = try TestSupport.run([
      "pack", "--theme", "no-such-theme", "corpus-samples", "--out", "/tmp/x",
    ])
    #expect(badTheme.status == 2)
    #expect(badTheme.stderr.contains("unknown theme 'no-such-theme'"))
  }

  @Test("standard input is read with -")
  func standardInput() throws {
    let text =
      "SERIOUS CASE REVIEW\n\n6. RECOMMENDATIONS\n\n1. The LSCB should revise the escalation policy.\n"
    let result = try TestSupport.run(["extract", "-"], input: Data(text.utf8))
    #expect(result.status == 0)
    #expect(result.stdout.contains("The LSCB should revise the escalation policy."))
  }

  @Test("classify --items adds themes, scores and evidence to each JSON line")
  func classifyItems() throws {
    let input =
      "{\"id\":7,\"text\":\"The baby was co-sleeping with a parent who had drunk alcohol.\"}\n"
    let result = try TestSupport.run(["classify", "--items", "-"], input: Data(input.utf8))
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(object?["id"] as? Int == 7)
    let themes = object?["themes"] as? [String] ?? []
    #expect(themes.contains("safe-sleep-sudi"))
    #expect((object?["evidence"] as? [[String: Any]])?.isEmpty == false)
    let confidence = object?["confidence"] as? [String: Double] ?? [:]
    #expect(confidence.keys.sorted() == themes.sorted())
    #expect(confidence.values.allSatisfy { (0.4...1).contains($0) })
  }

  @Test("--min-confidence keeps the surer tags and refuses a model or a value outside 0–1")
  func minimumConfidence() throws {
    // Drinking is strong evidence here; co-sleeping, at a lower score, is less sure.
    let input =
      "{\"text\":\"The baby was co-sleeping with a parent who had drunk alcohol.\"}\n"
    let all = try TestSupport.run(["classify", "--items", "-"], input: Data(input.utf8))
    let sure = try TestSupport.run(
      ["classify", "--items", "-", "--min-confidence", "0.9"], input: Data(input.utf8))
    func themes(_ output: String) throws -> [String] {
      let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
      return object?["themes"] as? [String] ?? []
    }
    let before = try themes(all.stdout)
    let after = try themes(sure.stdout)
    #expect(before == ["substance-misuse", "safe-sleep-sudi"])
    #expect(after == ["substance-misuse"])
    for arguments in [
      ["--min-confidence", "1.2"], ["--min-confidence", "0.5", "--model", "m.json"],
    ] {
      let refused = try TestSupport.run(["classify", "--items", "-"] + arguments, input: Data())
      #expect(refused.status == 2)
      #expect(refused.stderr.contains("--min-confidence"))
    }
  }

  @Test("classify --items keeps each line's own fields as written and replaces earlier tags")
  func classifyItemsKeepsFields() throws {
    let input = """
      {"id": "R-7", "text": "The baby was co-sleeping on a sofa.", "score": 2.50, "n": {"a": [1]}}
      {"text": "There was neglect of the baby.", "themes": ["old"], "evidence": []}
      [1, 2]
      {"text": 42}

      """
    // Saved from Excel: the file starts with a byte-order mark, which is not written back.
    let result = try TestSupport.run(
      ["classify", "--items", "-"], input: Data("\u{FEFF}\(input)".utf8))
    #expect(result.status == 1)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    try #require(lines.count == 2)
    // The researcher's fields come first, byte for byte, then the three added ones.
    #expect(
      lines[0].hasPrefix(
        #"{"id": "R-7", "text": "The baby was co-sleeping on a sofa.", "score": 2.50, "n": {"a": [1]},"themes":["safe-sleep-sudi""#
      ))
    #expect(lines[0].contains(#""scores":{"safe-sleep-sudi":"#))
    // A line that was tagged before is tagged afresh, with no key written twice.
    let second = try #require(
      JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    #expect(second["themes"] as? [String] == ["neglect"])
    #expect((second["evidence"] as? [[String: Any]])?.first?["phrase"] as? String == "neglect")
    #expect(lines[1].components(separatedBy: "\"themes\"").count == 2)
    #expect(result.stderr.contains("-:3: error: not a JSON object with a `text` field"))
    #expect(result.stderr.contains("-:4: error: not a JSON object with a `text` field"))
  }

  @Test("themes --format yaml writes the whole taxonomy in plain numbers, and it reads back")
  func taxonomyRoundTrip() throws {
    let result = try TestSupport.run(["themes", "--format", "yaml"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("\n    weight: 3\n"))
    #expect(result.stdout.contains("\n  confidence: 0.43\n"))
    #expect(!result.stdout.contains("e+0"))
    let written = try TaxonomyLoader.parse(result.stdout, file: "written.yaml")
    let bundled = try TaxonomyLoader.bundled()
    #expect(written.themes == bundled.themes)
    #expect(written.calibration == bundled.calibration)
    #expect(written.threshold == bundled.threshold)
    #expect(written.relativeCutoff == bundled.relativeCutoff)
    #expect(written.maxThemes == bundled.maxThemes)
    #expect(written.negationCues.sorted() == bundled.negationCues.sorted())
  }

  @Test("a taxonomy file with an error is a usage error naming its line and column")
  func badTaxonomy() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("local.yaml")
    try Data("themes:\n  - id: local\n    label: [oops\n".utf8).write(to: file)
    let result = try TestSupport.run(["themes", "--taxonomy", file.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("local.yaml:4:"))
  }

  @Test("evaluate extraction prints precision and recall per kind")
  func evaluateExtraction() throws {
    let result = try TestSupport.run([
      "evaluate", "extraction", "--gold", "corpus-samples/annotations.jsonl", "corpus-samples",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("recommendation"))
    #expect(result.stdout.contains("child_age_months"))
  }

  @Test("evaluate themes ends with the macro-F1 line")
  func evaluateThemes() throws {
    let result = try TestSupport.run([
      "evaluate", "themes", "--gold", "corpus-samples/annotations.jsonl",
    ])
    #expect(result.status == 0)
    let last = result.stdout.split(separator: "\n").last ?? ""
    #expect(last.hasPrefix("macro-F1: 0."))
    // The samples hold 84 recommendations, 79 findings and 11 good-practice points.
    #expect(result.stdout.contains("recommendation    84 items  micro-F1 0."))
    #expect(result.stdout.contains("good_practice     11 items"))
  }

  @Test("train pools several gold files and the model combines with the lexicon")
  func trainAndCombine() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("model.json").path
    let trained = try TestSupport.run([
      "train", "--gold", "corpus-samples/annotations.jsonl", "--gold",
      "corpus-samples/development.jsonl", "--out", model,
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    #expect(trained.stderr.contains("trained on 414 items"))
    let evaluated = try TestSupport.run([
      "evaluate", "themes", "--gold", "corpus-samples/validation.jsonl", "--model", model,
    ])
    #expect(evaluated.status == 0, "\(evaluated.stderr)")
    #expect(evaluated.stdout.contains("lexicon + model: 140 items"))
    // Training reads no model: offering one is a usage error, not silently ignored.
    let retrained = try TestSupport.run([
      "train", "--gold", "corpus-samples/annotations.jsonl", "--out", model, "--model", model,
    ])
    #expect(retrained.status == 2)
    #expect(retrained.stderr.contains("Unknown option '--model'"))
  }

  @Test("evaluate agreement compares the coders of the gold file")
  func evaluateAgreement() throws {
    let result = try TestSupport.run([
      "evaluate", "agreement", "--gold", "corpus-samples/annotations.jsonl",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("174 items coded by every coder"))
    #expect(result.stdout.contains("a ↔ b") && result.stdout.contains("adjudicated ↔ c"))
    let last = result.stdout.split(separator: "\n").last ?? ""
    #expect(last.hasPrefix("mean pairwise macro-kappa: 0."))
  }

  @Test("evaluate agreement without coders says what the file needs")
  func evaluateAgreementWithoutCoders() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("single.jsonl")
    let line = #"{"text": "Neglect was not recognised.", "themes": ["neglect"]}"#
    try Data(line.utf8).write(to: file)
    let result = try TestSupport.run(["evaluate", "agreement", "--gold", file.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("coders"))
  }
}
