import ArgumentParser
import CSPRIngest
import CSPRModel

extension CSPRCommand {
  /// `cspr ingest`: read reviews and show the structure recovered from each.
  struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read reviews and print the structure recovered from each.",
      discussion: """
        Shows what cspr sees in each file: its format, title, headings and numbered blocks. \
        Use it to check that a review was read as a person reads it.

        Examples:
          cspr ingest corpus-samples                 one summary line per file
          cspr ingest --format tree review.html      headings and blocks, indented
          cspr ingest --format jsonl reviews/ > docs.jsonl
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case summary, tree, json, jsonl
    }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .summary

    func run() async throws {
      let diagnostics = Diagnostics()
      let inputs = try input.collect(diagnostics: diagnostics)
      var out = StandardOutput()
      var documents: [ReviewDocument] = []
      try await Pipeline.run(
        inputs, jobs: input.jobs, ingestor: input.ingestor, diagnostics: diagnostics,
        transform: { $0 }
      ) { _, document in
        switch format {
        case .summary: out.write(Self.summary(document))
        case .tree: out.write(document.treeDump() + "\n")
        case .jsonl: out.write(try JSONCoding.line(document) + "\n")
        case .json: documents.append(document)
        }
      }
      if format == .json { out.write(try JSONCoding.pretty(documents) + "\n") }
      out.flush()
      try finish(diagnostics)
    }

    /// One line per file: format, counts, title.
    static func summary(_ document: ReviewDocument) -> String {
      let sections = document.sections.filter { $0.section.level > 0 }
      let blocks = document.sections.flatMap(\.section.blocks)
      let items = blocks.filter { $0.kind == .listItem }.count
      let rows = blocks.filter { $0.kind == .tableRow }.count
      let title = document.title ?? "(no title)"
      return "\(document.source)\t\(document.format.rawValue)\t\(sections.count) headings\t"
        + "\(blocks.count) blocks\t\(items) list items\t\(rows) table rows\t\(title)\n"
    }
  }
}
