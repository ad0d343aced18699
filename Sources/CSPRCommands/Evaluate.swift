import ArgumentParser
import CSPRClassify
import CSPRExtract
import CSPRIngest
import CSPRModel
import Foundation

extension CSPRCommand {
  /// `cspr evaluate`: measure extraction and classification against gold annotations.
  struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure extraction or theme classification against gold annotations.",
      subcommands: [Extraction.self, Themes.self, Agreement.self])
  }
}

extension CSPRCommand.Evaluate {
  /// `cspr evaluate extraction --gold FILE PATH…`.
  struct Extraction: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Precision and recall of extracted items, and accuracy of metadata fields.",
      discussion: """
        Reads the reviews, extracts their items and compares them with the gold annotations \
        (JSON Lines: one `review` line per document and one `item` line per recommendation, \
        finding or good-practice point). An extracted item matches a gold item of the same \
        kind when their texts, lowercased with punctuation removed, are at least 90% similar.

        Example:
          cspr evaluate extraction --gold corpus-samples/annotations.jsonl corpus-samples
        """)

    @Option(help: "Gold annotations (JSON Lines).")
    var gold: String

    @Flag(help: "List every missed and extra item and every wrong metadata field.")
    var verbose = false

    @OptionGroup var input: InputOptions

    func run() async throws {
      let records = try GoldFile.read(gold)
      let byDoc = Dictionary(grouping: records.filter { $0.doc != nil }) { $0.doc ?? "" }
      let diagnostics = Diagnostics()
      let inputs = try input.collect(diagnostics: diagnostics)
      var evaluation = ExtractionEvaluation()
      var seen: Set<String> = []
      let extractor = Extractor()
      try await Pipeline.run(
        inputs, jobs: input.jobs, ingestor: input.ingestor, diagnostics: diagnostics,
        transform: { extractor.extract($0) }
      ) { source, review in
        let name = (source.name as NSString).lastPathComponent
        guard let goldRecords = byDoc[name] else { return }
        seen.insert(name)
        evaluation.add(doc: name, extracted: review, gold: goldRecords)
      }
      for missing in Set(byDoc.keys).subtracting(seen).sorted() {
        diagnostics.fail(missing, "in the gold file but not among the reviews read")
      }
      var out = StandardOutput()
      if verbose { out.write(evaluation.misses.joined(separator: "\n") + "\n\n") }
      out.write(evaluation.report)
      out.flush()
      try finish(diagnostics)
    }
  }
}

extension CSPRCommand.Evaluate {
  /// `cspr evaluate themes --gold FILE [--folds K]`.
  struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Per-theme precision, recall, F1, support and Cohen's kappa against gold labels.",
      discussion: """
        Classifies every item of the gold file (JSON Lines with `text` and `themes`; lines \
        without them are skipped) and compares the themes with the gold codes: per theme, \
        micro and macro averages with a 95% bootstrap interval (1,000 resamples of the \
        items, fixed seed), F1 for each kind of item, and the most confused pairs. Without \
        a model, also the calibration check: the tags by score, how often the coders coded \
        them beside the taxonomy's stated confidence, and a calibration fitted to the file, \
        ready for a taxonomy file. With --folds K, also fits the trainable model on K−1 \
        folds and scores the held-out fold, alone and combined with the lexicon. The last \
        line is `macro-F1: 0.xx`.

        Examples:
          cspr evaluate themes --gold corpus-samples/annotations.jsonl --folds 5
          cspr evaluate themes --gold my-coding.jsonl --min-confidence 0.8
        """)

    @Option(help: "Gold items (JSON Lines with `text` and `themes`).")
    var gold: String

    @Option(help: "Cross-validate the trainable model with this many folds (2 or more).")
    var folds: Int?

    @OptionGroup var taxonomyOptions: TaxonomyOptions

    func validate() throws {
      if let folds, folds < 2 { throw ValidationError("--folds must be at least 2") }
    }

    func run() throws {
      let classifier = try taxonomyOptions.classifier()
      let items = try GoldFile.read(gold).filter { $0.text != nil && $0.themes != nil }
      guard !items.isEmpty else {
        throw ValidationError("no items with `text` and `themes` in \(gold)")
      }
      let ids = classifier.taxonomy.themes.map(\.id)
      let texts = items.map { Classifier.itemText(title: $0.title, text: $0.text) }
      let gold = items.map { Set($0.themes ?? []) }
      var out = StandardOutput()
      if let folds {
        var modelOnly = ThemeEvaluation(themeIDs: ids)
        var combined = ThemeEvaluation(themeIDs: ids)
        for fold in 0..<folds {
          let train = items.indices.filter { $0 % folds != fold }
          let model = TrainedModel.train(
            texts: train.map { texts[$0] }, labels: train.map { Array(gold[$0]) }, themes: ids)
          var withModel = classifier
          withModel.model = model
          for index in items.indices where index % folds == fold {
            let probabilities = model.probabilities(texts[index])
            modelOnly.add(
              gold: gold[index], predicted: Set(probabilities.filter { $0.value >= 0.5 }.keys))
            combined.add(
              gold: gold[index], predicted: Set(withModel.tags(texts[index]).map(\.theme)))
          }
        }
        out.write(modelOnly.report(title: "trained model alone, \(folds)-fold cross-validation"))
        out.write("\n")
        out.write(combined.report(title: "lexicon + trained model, \(folds)-fold cross-validation"))
        out.write("\n")
      }
      var lexicon = ThemeEvaluation(themeIDs: ids)
      var byKind: [ItemKind: ThemeEvaluation] = [:]
      // The calibration describes the lexicon's scores, so it is checked without a model.
      var calibration =
        classifier.model == nil ? CalibrationCheck(taxonomy: classifier.taxonomy) : nil
      for (item, (text, codes)) in zip(items, zip(texts, gold)) {
        let tags = classifier.tags(text)
        for tag in tags { calibration?.add(score: tag.score, coded: codes.contains(tag.theme)) }
        let predicted = Set(tags.map(\.theme))
        lexicon.add(gold: codes, predicted: predicted)
        if let kind = item.kind {
          byKind[kind, default: ThemeEvaluation(themeIDs: ids)].add(
            gold: codes, predicted: predicted)
        }
      }
      let title = classifier.model == nil ? "lexicon" : "lexicon + model"
      let parts = ItemKind.allCases.compactMap { kind in
        byKind[kind].map { (name: kind.rawValue, evaluation: $0) }
      }
      out.write(
        lexicon.report(
          title: "\(title): \(gold.count) items from \(self.gold)",
          parts: parts.count > 1 ? parts : [], calibration: calibration))
      out.flush()
    }
  }
}

extension CSPRCommand.Evaluate {
  /// `cspr evaluate agreement --gold FILE`.
  struct Agreement: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Inter-coder agreement between independent codings of the same items.",
      discussion: """
        Reads gold items whose `coders` field holds each coder's independent themes \
        (`"coders": {"a": [...], "b": [...]}`) beside the adjudicated `themes`, and prints \
        micro-F1 and mean Cohen's kappa for every pair of coders and for each coder against \
        the adjudicated codes, then every theme by its kappa, least agreed first: the \
        themes whose definitions coders read differently. Only items coded by every coder \
        count. The last line is `mean pairwise macro-kappa: 0.xx`.

        Example:
          cspr evaluate agreement --gold corpus-samples/annotations.jsonl
        """)

    @Option(help: "Gold items with a `coders` field (JSON Lines).")
    var gold: String

    @OptionGroup var taxonomyOption: TaxonomyFileOption

    func run() throws {
      let taxonomy = try taxonomyOption.load()
      let items = try GoldFile.read(gold).filter { $0.coders != nil }
      let names = Set(items.flatMap { $0.coders?.keys.map { $0 } ?? [] })
      guard names.count >= 2 else {
        throw ValidationError(
          "\(gold) has no items coded by two or more coders (a `coders` field on item lines)")
      }
      let agreement = CoderAgreement(
        themeIDs: taxonomy.themes.map(\.id),
        codings: items.map { ($0.coders ?? [:]).mapValues { Set($0) } },
        adjudicated: items.map { Set($0.themes ?? []) })
      var out = StandardOutput()
      out.write(agreement.report())
      out.flush()
    }
  }
}

/// Reads a gold annotation file, naming the line of any error.
enum GoldFile {
  static func read(_ path: String) throws -> [GoldRecord] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ValidationError("cannot read the gold file '\(path)'")
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    var records: [GoldRecord] = []
    for (index, line) in String(decoding: data, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      do {
        records.append(try decoder.decode(GoldRecord.self, from: Data(line.utf8)))
      } catch {
        throw ValidationError("\(path):\(index + 1): not a valid annotation line: \(error)")
      }
    }
    return records
  }
}
