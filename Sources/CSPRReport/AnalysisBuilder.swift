import CSPRClassify
import CSPRExtract
import CSPRModel

/// Builds a ``CorpusAnalysis`` one classified review at a time, spilling item texts to disk.
///
/// Add reviews in a stable order (the command hands them over in input order), then call
/// ``finish()``. Everything it reports is derived from what was added, so every count can be
/// reproduced from the CSV files written from the same data.
public final class AnalysisBuilder {
  /// The taxonomy the items were classified with.
  public let taxonomy: Taxonomy
  /// Where item texts go.
  public let spill: ItemSpill

  private var analysis = CorpusAnalysis()
  private var themeIndex: [String: Int] = [:]
  private var themeReviews: [Int] = []
  private var themeItems: [[ItemKind: Int]] = []
  private var themeYears: [[Int: Int]] = []
  private var pairs: [[Int]] = []
  private var owners: [String: Int] = [:]
  private var languageTerms: [String: Int] = [:]
  // For recurring recommendations: a MinHash signature, the review and the themes of each
  // recommendation, in the order spilled; texts stay on disk until a cluster needs them.
  private var recommendationSignatures: [[UInt64]] = []
  private var recommendationGroups: [Int] = []
  private var recommendationThemes: [[String]] = []

  /// Creates a builder for reviews classified with `taxonomy`.
  public init(taxonomy: Taxonomy, spill: ItemSpill) {
    self.taxonomy = taxonomy
    self.spill = spill
    let count = taxonomy.themes.count
    for (index, theme) in taxonomy.themes.enumerated() { themeIndex[theme.id] = index }
    themeReviews = Array(repeating: 0, count: count)
    themeItems = Array(repeating: [:], count: count)
    themeYears = Array(repeating: [:], count: count)
    pairs = Array(repeating: Array(repeating: 0, count: count), count: count)
  }

  /// Adds one classified review.
  public func add(_ review: ExtractedReview) throws {
    let metadata = review.metadata
    let title = metadata.title ?? Self.fileName(review.source)
    analysis.reviewCount += 1
    analysis.recommendationCount += review.recommendations.count
    analysis.findingCount += review.findings.count
    analysis.goodPracticeCount += review.goodPractice.count
    var counts: [String: Int] = [:]
    for item in review.items {
      let ids = item.themeIDs.compactMap { themeIndex[$0] }
      for id in ids {
        counts[taxonomy.themes[id].id, default: 0] += 1
        themeItems[id][item.kind, default: 0] += 1
        for other in ids { pairs[id][other] += 1 }
      }
      try spill.add(
        SpilledItem(
          item: item, reviewID: review.id, source: review.source, title: title,
          partnership: metadata.partnership, year: metadata.year,
          reviewType: metadata.reviewType?.rawValue))
    }
    for theme in counts.keys {
      guard let index = themeIndex[theme] else { continue }
      themeReviews[index] += 1
      if let year = metadata.year { themeYears[index][year, default: 0] += 1 }
    }
    var quality = QualityProfile()
    for recommendation in review.recommendations {
      if let assessed = recommendation.quality {
        analysis.quality.add(assessed)
        quality.add(assessed)
      }
      if let owner = Self.ownerAgency(recommendation) { owners[owner, default: 0] += 1 }
      let set = TextClusterer.signatureSet(recommendation.text)
      recommendationSignatures.append(set.isEmpty ? [] : TextClusterer.minHash(set))
      recommendationGroups.append(analysis.reviewCount)
      recommendationThemes.append(recommendation.themeIDs)
    }
    for issue in review.languageIssues { languageTerms[issue.phrase.lowercased(), default: 0] += 1 }
    analysis.reviews.append(
      ReviewSummary(
        id: review.id, source: review.source, metadata: metadata,
        recommendations: review.recommendations.count, findings: review.findings.count,
        goodPractice: review.goodPractice.count, themeCounts: counts,
        learning: review.findings.prefix(3).map(Self.headline),
        recommendationHeadlines: review.recommendations.prefix(3).map { Self.clause($0.text) },
        flags: review.flags, languageIssues: review.languageIssues,
        meanQuality: quality.recommendations == 0 ? nil : quality.meanScore))
  }

  /// The canonical agency that owns a recommendation, if one is named.
  public static func ownerAgency(_ item: Item) -> String? {
    guard let owner = item.owner else { return nil }
    return Agencies.canonical(owner)
  }

  /// The last component of a path, the title of a review that states none.
  static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// A finding's title, or its first sentence.
  static func headline(_ item: Item) -> String {
    if let title = item.title, !title.isEmpty { return title }
    return clause(item.text)
  }

  /// The first sentence, shortened to about 25 words.
  static func clause(_ text: String) -> String {
    let sentence = text.split(separator: ". ", maxSplits: 1).first.map(String.init) ?? text
    let words = sentence.split(separator: " ")
    if words.count <= 25 { return sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence }
    return words.prefix(25).joined(separator: " ") + "…"
  }

  /// The finished analysis.
  public func finish() throws -> CorpusAnalysis {
    var result = analysis
    result.themes = taxonomy.themes.enumerated().map { index, theme in
      ThemeSummary(
        id: theme.id, label: theme.label, group: theme.group, definition: theme.definition,
        reviews: themeReviews[index], recommendations: themeItems[index][.recommendation] ?? 0,
        findings: themeItems[index][.finding] ?? 0,
        goodPractice: themeItems[index][.goodPractice] ?? 0,
        byYear: themeYears[index].sorted { $0.key < $1.key }.map {
          Count(label: String($0.key), count: $0.value)
        },
        practitionerQuestions: theme.questions.practitioners,
        managerQuestions: theme.questions.managers)
    }
    let years: [String] = result.reviews.map { $0.metadata.year.map(String.init) ?? "unknown" }
    result.byYear = Self.counted(years).sorted { $0.label < $1.label }
    result.byType = Self.counted(
      result.reviews.map { $0.metadata.reviewType?.rawValue ?? "unknown" })
    result.byPartnership = Self.counted(result.reviews.map { $0.metadata.partnership ?? "unknown" })
    result.owners = Self.ranked(owners)
    result.languageTerms = Self.ranked(languageTerms)
    let present: [Int] = (0..<taxonomy.themes.count).filter { pairs[$0][$0] > 0 }
    let ranked: [Int] = present.sorted { (a: Int, b: Int) -> Bool in
      let left: (Int, Int) = (pairs[a][a], -a)
      let right: (Int, Int) = (pairs[b][b], -b)
      return left > right
    }
    let leading: [Int] = Array(ranked.prefix(12))
    result.cooccurrence = Cooccurrence(
      themes: leading.map { taxonomy.themes[$0].id },
      counts: leading.map { i in leading.map { j in pairs[i][j] } })
    result.recurring = try recurring()
    return result
  }

  /// Clusters of similar recommendations from at least two reviews, most widespread first;
  /// the texts and citations of their members are read back from the spill.
  func recurring() throws -> [RecommendationCluster] {
    let clusters = TextClusterer(threshold: 0.3).clusters(
      signatures: recommendationSignatures, group: recommendationGroups)
    let wanted = Set(clusters.flatMap { $0 })
    var texts: [Int: (text: String, citation: Citation)] = [:]
    var index = 0
    try spill.forEach(kind: .recommendation) { item in
      if wanted.contains(index) { texts[index] = (item.item.text, item.citation) }
      index += 1
    }
    return clusters.map { members in
      let representative = TextClusterer.representative(
        members, signatures: recommendationSignatures)
      var themeCounts: [String: Int] = [:]
      for member in members {
        for theme in recommendationThemes[member] { themeCounts[theme, default: 0] += 1 }
      }
      let shared = themeCounts.filter { $0.value * 2 >= members.count }.sorted {
        ($0.value, $1.key) > ($1.value, $0.key)
      }.map(\.key)
      return RecommendationCluster(
        representative: texts[representative]?.text ?? "", count: members.count,
        reviewCount: Set(members.map { recommendationGroups[$0] }).count,
        sources: members.compactMap { texts[$0]?.citation }, themes: shared)
    }.sorted {
      ($0.reviewCount, $0.count, $1.representative) > ($1.reviewCount, $1.count, $0.representative)
    }
  }

  static func counted(_ labels: [String]) -> [Count] {
    var counts: [String: Int] = [:]
    for label in labels { counts[label, default: 0] += 1 }
    return ranked(counts)
  }

  /// Counts by label, most first (ties by label).
  static func ranked(_ counts: [String: Int]) -> [Count] {
    counts.map { Count(label: $0.key, count: $0.value) }.sorted(by: mostFirst)
  }

  static func mostFirst(_ a: Count, _ b: Count) -> Bool {
    (a.count, b.label) > (b.count, a.label)
  }
}
