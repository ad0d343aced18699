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
        spreadsheet, say) and writes each back with `themes` (ids above the threshold, \
        strongest first), `scores` and `evidence` added.

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
      let lines = String(decoding: data, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      for (index, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
        guard
          var object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let text = object["text"] as? String
        else {
          Diagnostics.standardError(
            "\(path):\(index + 1): error: not a JSON object with a `text` field\n")
          failures += 1
          continue
        }
        let title = object["title"] as? String
        let tags = classifier.tags(
          [title, text].compactMap { $0 }.joined(separator: ". "),
          section: object["section"] as? String)
        object["themes"] = tags.map(\.theme)
        object["scores"] = Dictionary(
          uniqueKeysWithValues: tags.map { ($0.theme, ($0.score * 100).rounded() / 100) })
        object["evidence"] = tags.flatMap { tag in
          tag.evidence.map {
            [
              "theme": tag.theme, "phrase": $0.phrase, "matched": $0.matched, "offset": $0.offset,
              "length": $0.length, "weight": $0.weight,
            ] as [String: Any]
          }
        }
        let encoded = try JSONSerialization.data(
          withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        out.write(String(decoding: encoded, as: UTF8.self) + "\n")
      }
      out.flush()
      if failures > 0 { throw ExitCode(1) }
    }
  }
}
