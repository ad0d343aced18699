import ArgumentParser
import CSPRClassify
import CSPRModel
import CSPRReport
import Foundation

extension CSPRCommand {
  /// `cspr train`: fit the trainable classifier on labelled items.
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Fit a text classifier on labelled items, to combine with the lexicon.",
      discussion: """
        Fits one-vs-rest logistic regression over word-stem unigrams and bigrams to JSON \
        Lines items with `text` and `themes` (a partnership's own coding, say); give --gold \
        more than once to pool codings. Use the model with --model on classify, analyse and \
        evaluate themes: it adds the themes of the taxonomy it is sure of (a probability of \
        0.75 or more reaches the threshold on its own). It lowers the lexicon's score only \
        for a theme coded in 30 or more training items and when nearly sure (under 0.05) the \
        theme is absent: a small coding only ever adds.

        Example:
          cspr train --gold corpus-samples/annotations.jsonl \\
            --gold corpus-samples/development.jsonl --out model.json
          cspr evaluate themes --gold corpus-samples/validation.jsonl --model model.json
        """)

    @Option(help: "Labelled items (JSON Lines with `text` and `themes`); repeat to pool files.")
    var gold: [String]

    @Option(help: "Where to write the model (JSON).")
    var out: String

    @OptionGroup var taxonomyOption: TaxonomyFileOption

    func run() throws {
      var items: [GoldRecord] = []
      for file in gold {
        items += try GoldFile.read(file).filter { $0.text != nil && $0.themes != nil }
      }
      guard !items.isEmpty else {
        throw ValidationError(
          "no items with `text` and `themes` in \(gold.joined(separator: ", "))")
      }
      let themes = try taxonomyOption.load().themes.map(\.id)
      let model = TrainedModel.train(
        texts: items.map { Classifier.itemText(title: $0.title, text: $0.text) },
        labels: items.map { $0.themes ?? [] }, themes: themes)
      let data = try JSONCoding.encoder(pretty: false).encode(model)
      try AtomicFile.write(data, to: out)
      Diagnostics.standardError(
        "cspr: trained on \(items.count) items, \(model.vocabulary.count) features, \(themes.count) themes → \(out)\n"
      )
    }
  }
}
