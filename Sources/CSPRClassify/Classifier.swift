import CSPRExtract
import CSPRModel

/// Tags items with themes from the taxonomy's lexicon (optionally combined with a trained
/// model), with the evidence behind every tag; and builds each review's theme profile and
/// language check.
public struct Classifier: Sendable {
  /// The taxonomy in force.
  public let taxonomy: Taxonomy
  /// The language-check terms in force.
  public let language: LanguageList
  /// A trained model combined with the lexicon, when given.
  public var model: TrainedModel?
  /// How far the model's probability raises a score.
  ///
  /// The rise is 8 × weight × (p − 0.5) when p > 0.5, so p = 0.75 alone reaches the default
  /// threshold of 2. The model lowers a score only where it has earned it: see
  /// ``vetoSupport``.
  public var modelWeight: Double = 1
  /// Tags whose calibrated confidence is lower are not assigned (see `Taxonomy.calibration`).
  public var minimumConfidence: Double?
  /// Whether tags carry a calibrated confidence: the taxonomy has a calibration and no model
  /// adds to the lexicon's scores.
  public var isCalibrated: Bool { model == nil && !taxonomy.calibration.isEmpty }
  /// The training items coded with a theme before the model may lower its lexicon score.
  ///
  /// A model fitted to a small local coding has seen most themes a handful of times and is
  /// wrongly sure they are absent; one fitted to a large coding knows when a word is only a
  /// mention. In 5-fold cross-validation on the 1,374 coded items of `corpus-samples`, micro-F1
  /// is 0.786 without the veto and 0.805 with it; on the 174 samples alone, where most themes
  /// have fewer than 30 codes, it is 0.837 both ways. The veto enforces the coding it learnt
  /// from, so it helps most on items coded the same way.
  public static let vetoSupport = 30
  /// Below this probability, a model past ``vetoSupport`` takes ``vetoPenalty`` off the score.
  public static let vetoProbability = 0.05
  /// What the veto takes off: a weight-2 phrase's worth.
  public static let vetoPenalty = 2.0
  private let automaton: PhraseAutomaton
  private let genericThemes: Set<String>
  private let themeIDs: Set<String>

  /// How much a negated match counts ("no evidence of neglect").
  public static let negatedFactor = 0.5
  /// How many words after a negation cue it reaches.
  public static let negationWindow = 4
  /// What a matching section heading adds to a theme an item already has evidence for.
  public static let sectionBonus = 1.0

  /// Builds the automaton for a taxonomy and language list.
  public init(taxonomy: Taxonomy, language: LanguageList, model: TrainedModel? = nil) {
    self.taxonomy = taxonomy
    self.language = language
    self.model = model
    var automaton = PhraseAutomaton()
    for (themeIndex, theme) in taxonomy.themes.enumerated() {
      // Phrases that normalise alike ("parent", "parents") are one phrase, at the higher
      // weight: each phrase counts once per item, so a duplicate would count a word twice.
      var strongest: [[String]: Int] = [:]
      for (phraseIndex, phrase) in theme.phrases.enumerated() {
        let stems = Normaliser.stems(phrase.text)
        if let kept = strongest[stems], theme.phrases[kept].weight >= phrase.weight { continue }
        strongest[stems] = phraseIndex
      }
      for (stems, phraseIndex) in strongest.sorted(by: { $0.value < $1.value }) {
        automaton.add(stems, meaning: .phrase(theme: themeIndex, phrase: phraseIndex))
      }
      for exclusion in theme.exclude {
        automaton.add(Normaliser.stems(exclusion), meaning: .exclude(theme: themeIndex))
      }
    }
    for cue in taxonomy.negationCues { automaton.add(Normaliser.stems(cue), meaning: .negation) }
    for (index, term) in language.terms.enumerated() {
      automaton.add(Normaliser.stems(term.phrase), meaning: .language(term: index))
    }
    automaton.compile()
    self.automaton = automaton
    self.genericThemes = Set(taxonomy.themes.filter(\.generic).map(\.id))
    self.themeIDs = Set(taxonomy.themes.map(\.id))
  }

  /// The default taxonomy and language list, with optional overlays and model.
  public static func load(
    taxonomy path: String? = nil, language languagePath: String? = nil, model: TrainedModel? = nil
  ) throws -> Classifier {
    Classifier(
      taxonomy: try TaxonomyLoader.load(overlay: path),
      language: try LanguageList.load(overlay: languagePath), model: model)
  }

  // MARK: Items

  /// Every theme with evidence in `text`, strongest first, before the threshold.
  public func scores(_ text: String, section: String? = nil) -> [ThemeTag] {
    let tokens = Normaliser.tokens(text)
    return scores(
      text, tokens: tokens, matches: automaton.matches(tokens.map(\.stem)), section: section)
  }

  /// ``scores(_:section:)`` on text already tokenised and matched.
  private func scores(
    _ text: String, tokens: [Token], matches: [PhraseAutomaton.Match], section: String?
  ) -> [ThemeTag] {
    var negated = [Bool](repeating: false, count: tokens.count)
    var excluded: [Int: [Range<Int>]] = [:]
    for match in matches {
      switch automaton.patterns[match.pattern].meaning {
      case .negation:
        for index in match.end..<min(tokens.count, match.end + Self.negationWindow) {
          negated[index] = true
        }
      case .exclude(let theme):
        excluded[theme, default: []].append(match.start..<match.end)
      default:
        continue
      }
    }
    // Per theme: the longest match wins where matches overlap, then the weightier ("seen
    // alone" over "not seen" in "not seen alone"); each phrase counts once.
    var byTheme: [Int: [(match: PhraseAutomaton.Match, phrase: Int)]] = [:]
    for match in matches {
      guard case .phrase(let theme, let phrase) = automaton.patterns[match.pattern].meaning else {
        continue
      }
      let span = match.start..<match.end
      if excluded[theme]?.contains(where: { $0.overlaps(span) }) == true { continue }
      byTheme[theme, default: []].append((match, phrase))
    }
    let utf8 = Array(text.utf8)
    var tags: [ThemeTag] = []
    for (theme, found) in byTheme {
      let phrases = taxonomy.themes[theme].phrases
      let sorted = found.sorted {
        ($0.match.end - $0.match.start, phrases[$0.phrase].weight, -$0.match.start) > (
          $1.match.end - $1.match.start, phrases[$1.phrase].weight, -$1.match.start
        )
      }
      var kept: [Range<Int>] = []
      var phrasesSeen: Set<Int> = []
      var evidence: [Evidence] = []
      var score = 0.0
      for (match, phrase) in sorted {
        let span = match.start..<match.end
        if kept.contains(where: { $0.overlaps(span) }) || !phrasesSeen.insert(phrase).inserted {
          continue
        }
        kept.append(span)
        var weight = taxonomy.themes[theme].phrases[phrase].weight
        if negated[match.start] { weight *= Self.negatedFactor }
        score += weight
        let startByte = tokens[match.start].start
        let endByte = tokens[match.end - 1].end
        let matched = String(decoding: utf8[startByte..<endByte], as: UTF8.self)
        let offset = String(decoding: utf8[0..<startByte], as: UTF8.self).count
        evidence.append(
          Evidence(
            phrase: taxonomy.themes[theme].phrases[phrase].text, matched: matched, offset: offset,
            length: matched.count, weight: weight))
      }
      evidence.sort { ($0.weight, -$0.offset) > ($1.weight, -$1.offset) }
      tags.append(ThemeTag(theme: taxonomy.themes[theme].id, score: score, evidence: evidence))
    }
    if let section, !tags.isEmpty {
      let headingThemes = sectionThemes(section)
      for index in tags.indices where headingThemes.contains(tags[index].theme) {
        tags[index].score += Self.sectionBonus
      }
    }
    if let model {
      let probabilities = model.probabilities(text)
      var byID = Dictionary(uniqueKeysWithValues: tags.map { ($0.theme, $0) })
      // Only themes of the taxonomy in force: a model trained before a theme was removed
      // must not bring it back.
      for (index, theme) in model.themes.enumerated() where themeIDs.contains(theme) {
        guard let probability = probabilities[theme] else { continue }
        if probability > 0.5 {
          var tag = byID[theme] ?? ThemeTag(theme: theme, score: 0, evidence: [])
          tag.score += modelWeight * 8 * (probability - 0.5)
          byID[theme] = tag
        } else if probability < Self.vetoProbability,
          (model.positives?[index] ?? 0) >= Self.vetoSupport, var tag = byID[theme]
        {
          tag.score -= modelWeight * Self.vetoPenalty
          byID[theme] = tag
        }
      }
      tags = byID.values.filter { $0.score > 0 }
    }
    return tags.sorted { ($0.score, $1.theme) > ($1.score, $0.theme) }
  }

  /// Phrases that can never count, because an exclusion of their own theme always covers
  /// them (after stemming, an exclusion "refers to" also reads "refer to children's social
  /// care").
  public func cancelledPhrases() -> [(theme: String, phrase: String)] {
    taxonomy.themes.flatMap { theme in
      theme.phrases.filter { phrase in
        !scores(phrase.text).contains { $0.theme == theme.id }
      }.map { (theme.id, $0.text) }
    }
  }

  /// Themes whose strong phrases (weight 2 or more) stand in a section heading.
  private func sectionThemes(_ section: String) -> Set<String> {
    var themes: Set<String> = []
    for match in automaton.matches(Normaliser.stems(section)) {
      if case .phrase(let theme, let phrase) = automaton.patterns[match.pattern].meaning,
        taxonomy.themes[theme].phrases[phrase].weight >= 2
      {
        themes.insert(taxonomy.themes[theme].id)
      }
    }
    return themes
  }

  /// The themes assigned to `text`: at or over the threshold, not incidental beside the item's
  /// strongest theme, for a generic theme not outscored by a topic theme, and no more than the
  /// taxonomy's `max_themes` (with ties).
  public func tags(_ text: String, section: String? = nil) -> [ThemeTag] {
    assigned(scores(text, section: section))
  }

  /// The tags kept from every theme's score, strongest first (the rules of ``tags(_:section:)``).
  private func assigned(_ all: [ThemeTag]) -> [ThemeTag] {
    guard let top = all.first?.score else { return [] }
    let topTopic = all.first { !genericThemes.contains($0.theme) }?.score ?? 0
    var kept = all.filter {
      $0.score >= taxonomy.threshold && $0.score >= top * taxonomy.relativeCutoff
        && !(genericThemes.contains($0.theme) && $0.score < topTopic)
    }
    if kept.count > taxonomy.maxThemes {
      let last = kept[taxonomy.maxThemes - 1].score
      kept = kept.filter { $0.score >= last }
    }
    // The calibration describes the lexicon's scores; a model's additions it does not.
    guard isCalibrated else { return kept }
    for index in kept.indices {
      kept[index].confidence = taxonomy.confidence(score: kept[index].score)
    }
    guard let minimumConfidence else { return kept }
    return kept.filter { ($0.confidence ?? 0) >= minimumConfidence }
  }

  /// The text the classifier reads for an item: its title, when it has one, then its text.
  ///
  /// Training, evaluation and tagging all read an item through this, so they read it alike.
  public static func itemText(title: String?, text: String?) -> String {
    [title, text].compactMap { $0 }.joined(separator: ". ")
  }

  /// The item with its themes set.
  public func classify(_ item: Item) -> Item {
    var item = item
    item.themes = tags(Self.itemText(title: item.title, text: item.text), section: item.section)
    return item
  }

  // MARK: Reviews

  /// Role weights for the review-level profile: findings, analysis and recommendations count
  /// in full, the narrative a little, method and front matter not at all.
  static func profileWeight(_ role: SectionRole) -> Double {
    switch role {
    case .findings, .analysis, .recommendations, .goodPractice: 1
    case .narrative: 0.25
    case .method, .front, .questions, .actionsTaken: 0
    }
  }

  /// Extracts and classifies one document, building its outline once for both stages.
  public func classify(_ document: ReviewDocument, extractor: Extractor) -> ExtractedReview {
    let outline = ReviewOutline(document)
    return classify(extractor.extract(document, outline: outline), outline: outline)
  }

  /// Classifies every item of a review; with its document, also the theme profile and the
  /// language check.
  public func classify(_ review: ExtractedReview, document: ReviewDocument?) -> ExtractedReview {
    classify(review, outline: document.map(ReviewOutline.init))
  }

  private func classify(_ review: ExtractedReview, outline: ReviewOutline?) -> ExtractedReview {
    var review = review
    review.recommendations = review.recommendations.map(classify)
    review.findings = review.findings.map(classify)
    review.goodPractice = review.goodPractice.map(classify)
    guard let outline else { return review }
    var profile: [String: Double] = [:]
    var issues: [LanguageIssue] = []
    for entry in outline.sections {
      let weight = Self.profileWeight(entry.role)
      for block in entry.section.blocks {
        // One tokenisation and one automaton pass serve the language check and the profile.
        let tokens = Normaliser.tokens(block.text)
        let matches = automaton.matches(tokens.map(\.stem))
        for match in matches {
          guard case .language(let index) = automaton.patterns[match.pattern].meaning else {
            continue
          }
          let term = language.terms[index]
          let found = String(
            decoding: Array(block.text.utf8)[tokens[match.start].start..<tokens[match.end - 1].end],
            as: UTF8.self)
          issues.append(
            LanguageIssue(
              phrase: found, prefer: term.prefer, reason: term.reason, section: entry.citation,
              position: block.position))
        }
        guard weight > 0 else { continue }
        let blockTags = assigned(
          scores(block.text, tokens: tokens, matches: matches, section: nil))
        for tag in blockTags { profile[tag.theme, default: 0] += tag.score * weight }
      }
    }
    review.themeProfile = profile
    review.languageIssues = issues
    return review
  }
}
