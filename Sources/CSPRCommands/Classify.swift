import ArgumentParser
import CSPRClassify
import CSPRExtract
import CSPRIngest
import CSPRModel
import Foundation

extension CSPRCommand {
  /// `cspr classify`: tag the items of reviews, or JSON Lines items, with themes.
  struct Classify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Tag items with themes, with the evidence for every tag.",
      discussion: """
        With review paths, extracts and classifies every recommendation, finding and \
        good-practice point, and adds each review's theme profile and language check. \
        With --items, reads JSON Lines objects that have a `text` field (from your own \
        spreadsheet, say) and writes each back, its own fields as they were, with `themes` \
        (ids above the threshold, strongest first), `scores`, `confidence` (how often coders \
        coded a tag at that score, from the taxonomy's calibration; not with --model) and \
        `evidence` added.

        Examples:
          cspr classify corpus-samples --format csv > items.csv
          cspr classify --items my-items.jsonl > tagged.jsonl
          echo '{"text":"The child was not seen alone."}' | cspr classify --items -
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var taxonomyOptions: TaxonomyOptions

    @Option(
      help: ArgumentHelp(
        "Classify JSON Lines items (a `text` field each) from a file or - instead of reviews.",
        valueName: "file"))
    var items: String?

    @Option(
      help:
        "Output format for reviews: \(ReviewFormat.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var format: ReviewFormat = .jsonl

    func validate() throws {
      if items != nil && !input.paths.isEmpty {
        throw ValidationError("give either review paths or --items, not both")
      }
    }

    func run() async throws {
      let classifier = try taxonomyOptions.classifier()
      if let items {
        try classifyItems(items, classifier: classifier)
        return
      }
      let extractor = Extractor()
      try await format.write(input) { classifier.classify($0, extractor: extractor) }
    }

    private func classifyItems(_ path: String, classifier: Classifier) throws {
      let data: Data
      if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
      } else {
        guard let contents = FileManager.default.contents(atPath: path) else {
          throw ValidationError("cannot read '\(path)'")
        }
        data = contents
      }
      var out = StandardOutput()
      var failures = 0
      // A byte-order mark (a file saved from Excel, say) is not part of the first object.
      var contents = String(decoding: data, as: UTF8.self)
      if contents.hasPrefix("\u{FEFF}") { contents.removeFirst() }
      let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
      for (index, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
        guard let tagged = try? Self.tag(line, classifier: classifier) else {
          Diagnostics.standardError(
            "\(path):\(index + 1): error: not a JSON object with a `text` field\n")
          failures += 1
          continue
        }
        out.write(tagged + "\n")
      }
      out.flush()
      if failures > 0 { throw ExitCode(1) }
    }

    /// One JSON Lines object with `themes`, `scores`, `confidence` and `evidence` added.
    ///
    /// The usual case splices the added fields onto the line as given, so a researcher's own
    /// fields keep their order and exact spelling, and only the item's few fields are decoded.
    /// A line that already has one of the added fields is rewritten whole, so that no key is
    /// written twice.
    static func tag(_ line: Substring, classifier: Classifier) throws -> String {
      let data = Data(line.utf8)
      let item = try ItemLine.decoder.decode(ItemLine.self, from: data)
      let tags = classifier.tags(
        Classifier.itemText(title: item.title, text: item.text), section: item.section)
      let added = ItemTags(
        themes: tags.map(\.theme),
        scores: tags.map { ($0.theme, ($0.score * 100).rounded() / 100) },
        confidence: classifier.isCalibrated ? tags.map { ($0.theme, $0.confidence ?? 0) } : nil,
        evidence: tags.flatMap { tag in
          tag.evidence.map {
            ItemTags.Evidence(
              theme: tag.theme, phrase: $0.phrase, matched: $0.matched, offset: $0.offset,
              length: $0.length, weight: $0.weight)
          }
        })
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      let fields = try added.fields()
      if !item.hasAddedField, trimmed.hasSuffix("}") {
        return trimmed.dropLast() + "," + fields + "}"
      }
      guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let addedObject = try JSONSerialization.jsonObject(with: Data("{\(fields)}".utf8))
          as? [String: Any]
      else { throw CocoaError(.coderReadCorrupt) }
      object.merge(addedObject) { _, added in added }
      let encoded = try JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
      return String(decoding: encoded, as: UTF8.self)
    }
  }
}

/// The fields of a JSON Lines item that classification reads.
private struct ItemLine: Decodable {
  var text: String
  var title: String?
  var section: String?
  /// Whether the object already has `themes`, `scores`, `confidence` or `evidence`.
  var hasAddedField: Bool

  enum CodingKeys: String, CodingKey {
    case text, title, section, themes, scores, confidence, evidence
  }

  /// One decoder for every line.
  static let decoder = JSONDecoder()

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    text = try container.decode(String.self, forKey: .text)
    title = try? container.decodeIfPresent(String.self, forKey: .title)
    section = try? container.decodeIfPresent(String.self, forKey: .section)
    hasAddedField = [.themes, .scores, .confidence, .evidence].contains {
      container.contains($0)
    }
  }
}

/// What `classify --items` adds to an item.
private struct ItemTags {
  struct Evidence: Encodable {
    var theme: String
    var phrase: String
    var matched: String
    var offset: Int
    var length: Int
    var weight: Double
  }

  /// Theme ids, strongest first.
  var themes: [String]
  /// Each theme's score, in the order of `themes`.
  var scores: [(theme: String, score: Double)]
  /// Each theme's calibrated confidence, in the order of `themes`; nil without a calibration.
  var confidence: [(theme: String, confidence: Double)]?
  var evidence: [Evidence]

  /// One encoder for every line; sorted keys inside the evidence objects.
  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  /// The fields as JSON object members: `themes`, then `scores` and `confidence` strongest
  /// first, then `evidence`, so the same input always gives the same bytes.
  func fields() throws -> String {
    func json(_ value: some Encodable) throws -> String {
      String(decoding: try Self.encoder.encode(value), as: UTF8.self)
    }
    func object(_ pairs: [(String, Double)]) throws -> String {
      "{" + (try pairs.map { try json($0.0) + ":" + json($0.1) }).joined(separator: ",") + "}"
    }
    let confidence = try self.confidence.map { "\"confidence\":\(try object($0))," } ?? ""
    return try "\"themes\":\(json(themes)),\"scores\":\(object(scores)),\(confidence)"
      + "\"evidence\":\(json(evidence))"
  }
}
