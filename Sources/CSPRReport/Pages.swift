import CSPRClassify
import CSPRModel
import Foundation

/// Builds the values templates render: plain dictionaries and arrays, so a partnership's own
/// templates can use every field.
///
/// Text is left unescaped here; each template's content type escapes it at the point of writing
/// (HTML or Markdown).
public enum Pages {
  /// How recurring recommendations are found, said on every page that lists them.
  public static let clusterMethod =
    "Recommendations are grouped when their content words overlap (MinHash locality-sensitive "
    + "hashing over word stems, with at least 30% of their MinHash values in common) and come from "
    + "different reviews. The wording shown is the member most like the others."

  static func percent(_ part: Int, of whole: Int) -> String {
    whole == 0 ? "0%" : "\(Int((Double(part) * 100 / Double(whole)).rounded()))%"
  }

  static func counts(_ list: [Count]) -> [[String: Any]] {
    list.map { ["label": $0.label, "count": $0.count] }
  }

  static func reviewTypeLabel(_ raw: String?) -> String {
    switch raw.flatMap(ReviewType.init(rawValue:)) {
    case .localCSPR: "Local child safeguarding practice review"
    case .seriousCaseReview: "Serious case review"
    case .rapidReview: "Rapid review"
    case .nationalPanelReview: "National panel review"
    case .childPracticeReview: "Child practice review (Wales)"
    case .thematicReview: "Thematic review"
    case nil: "Review of unknown type"
    }
  }

  /// The themes present in the corpus, most widespread first.
  static func presentThemes(_ analysis: CorpusAnalysis) -> [ThemeSummary] {
    analysis.themes.filter { $0.items > 0 }.sorted {
      ($0.reviews, $0.items, $1.id) > ($1.reviews, $1.items, $0.id)
    }
  }

  /// The overview page.
  public static func overview(_ analysis: CorpusAnalysis) -> [String: Any] {
    let themes = presentThemes(analysis)
    let labels = Dictionary(uniqueKeysWithValues: analysis.themes.map { ($0.id, $0.label) })
    let q = analysis.quality
    let total = q.recommendations
    let qualityRows: [(String, Int)] = [
      ("name an accountable owner", q.withOwner), ("ask for a specific action", q.specific),
      ("say how success will be measured", q.withMeasure), ("have a timescale", q.withTimescale),
      ("are aimed at managers, leaders or national bodies", q.aimedAtManagers),
      ("only seek assurance", q.assuranceOnly),
      ("only ask for training, a briefing or a policy review", q.trainingOrPolicyOnly),
      ("follow from a finding of the review", q.followsFinding),
    ]
    let leading = Array(themes.prefix(8))
    let years = analysis.byYear.map(\.label).filter { $0 != "unknown" }
    let co = analysis.cooccurrence
    let coLabels = co.themes.map { labels[$0] ?? $0 }
    return [
      "title": "Safeguarding practice reviews: corpus overview",
      "reviewCount": analysis.reviewCount, "recommendationCount": analysis.recommendationCount,
      "findingCount": analysis.findingCount, "goodPracticeCount": analysis.goodPracticeCount,
      "nouns": nouns(
        reviews: analysis.reviewCount, recommendations: analysis.recommendationCount,
        findings: analysis.findingCount, goodPractice: analysis.goodPracticeCount),
      "themeCount": themes.count,
      "byYear": counts(analysis.byYear),
      "byType": analysis.byType.map { ["label": reviewTypeLabel($0.label), "count": $0.count] },
      "byPartnership": counts(analysis.byPartnership),
      "themes": themes.map { theme -> [String: Any] in
        [
          "id": theme.id, "label": theme.label, "reviews": theme.reviews,
          "share": percent(theme.reviews, of: analysis.reviewCount),
          "recommendations": theme.recommendations, "findings": theme.findings,
          "goodPractice": theme.goodPractice, "htmlLink": "themes/\(theme.id).html",
          "mdLink": "themes/\(theme.id).md",
        ]
      },
      "prevalenceChart": Charts.bars(
        title: "Reviews touching each theme",
        description: "Number of reviews with at least one item tagged with the theme.",
        bars: themes.map {
          Charts.Bar(
            label: $0.label, value: $0.reviews,
            note: "\($0.reviews) (\(percent($0.reviews, of: analysis.reviewCount)))")
        }, id: "prevalence"),
      "hasCooccurrence": !co.themes.isEmpty,
      "cooccurrenceChart": Charts.heatMap(
        title: "Co-occurrence of the leading themes",
        description: "Items tagged with both themes of each pair.", labels: coLabels,
        counts: co.counts, id: "cooccurrence"),
      "cooccurrenceHeader": co.themes.indices.map { ["index": $0 + 1] },
      "cooccurrenceRows": co.themes.indices.map { i -> [String: Any] in
        ["index": i + 1, "label": coLabels[i], "cells": co.counts[i]]
      },
      "trendChart": Charts.trends(
        title: "Leading themes by year", description: "Reviews touching each theme, by year.",
        years: years,
        series: leading.map { theme in
          (theme.label, Dictionary(uniqueKeysWithValues: theme.byYear.map { ($0.label, $0.count) }))
        }, id: "trends"),
      "hasOwners": !analysis.owners.isEmpty,
      "owners": counts(analysis.owners),
      "ownersChart": Charts.bars(
        title: "Agencies named as owners of recommendations",
        description: "Recommendations whose owner maps to each agency.",
        bars: analysis.owners.prefix(15).map { Charts.Bar(label: $0.label, value: $0.count) },
        id: "owners"),
      "meanQuality": q.meanScore,
      "quality": qualityRows.map {
        ["label": $0.0, "count": $0.1, "share": percent($0.1, of: total)]
      },
      "clusterMethod": clusterMethod,
      "recurring": analysis.recurring.prefix(20).map { cluster(labels: labels, $0) },
      "hasLanguage": !analysis.languageTerms.isEmpty,
      "languageTerms": counts(analysis.languageTerms),
    ]
  }

  static func cluster(labels: [String: String], _ cluster: RecommendationCluster) -> [String: Any] {
    [
      "representative": cluster.representative, "count": cluster.count,
      "reviewCount": cluster.reviewCount,
      "themes": cluster.themes.map { labels[$0] ?? $0 }.joined(separator: ", "),
      "sources": cluster.sources.map { ["text": $0.text] },
    ]
  }

  static func item(_ spilled: SpilledItem) -> [String: Any] {
    // The heading is made here, not in the template: a Mustache section looks a key the item
    // lacks up in the page around it, so `{{#title}}` on an untitled finding in a learning
    // pack printed the pack's own title.
    let kind =
      switch spilled.item.kind {
      case .finding: "Finding"
      case .recommendation: "Recommendation"
      case .goodPractice: "Good practice"
      }
    let numbered = [kind, spilled.item.number].compactMap { $0 }.joined(separator: " ")
    var out: [String: Any] = [
      "text": spilled.item.text, "citation": spilled.citation.text,
      "heading": spilled.item.title ?? numbered,
    ]
    if let owner = spilled.item.owner { out["owner"] = owner }
    if let quality = spilled.item.quality?.score { out["quality"] = quality }
    return out
  }

  /// The noun for `count` of a thing: "review" for 1, "reviews" otherwise.
  public static func noun(_ count: Int, _ singular: String) -> String {
    count == 1 ? singular : singular + "s"
  }

  /// A count with its noun: "1 review", "17 reviews".
  public static func counted(_ count: Int, _ singular: String) -> String {
    "\(count) \(noun(count, singular))"
  }

  /// Nouns that agree with their counts, under `nouns` in a page's context.
  static func nouns(reviews: Int, recommendations: Int, findings: Int, goodPractice: Int)
    -> [String: String]
  {
    [
      "review": noun(reviews, "review"),
      "recommendation": noun(recommendations, "recommendation"),
      "finding": noun(findings, "finding"),
      "goodPractice": noun(goodPractice, "good-practice point"),
    ]
  }

  /// The most items of one kind a theme page lists; the rest are counted and left to the CSV.
  public static let itemsPerThemePage = 500

  /// A theme's page: its findings, recommendations and good practice with citations, strongest
  /// first, at most ``itemsPerThemePage`` of each kind.
  public static func theme(
    _ summary: ThemeSummary, items: [ItemKind: (items: [SpilledItem], total: Int)],
    reviewCount: Int
  ) -> [String: Any] {
    func more(_ kind: ItemKind) -> Int {
      guard let entry = items[kind] else { return 0 }
      return entry.total - entry.items.count
    }
    return [
      "id": summary.id, "label": summary.label, "definition": summary.definition,
      "reviews": summary.reviews, "reviewCount": reviewCount,
      "share": percent(summary.reviews, of: reviewCount),
      "findingCount": summary.findings, "recommendationCount": summary.recommendations,
      "goodPracticeCount": summary.goodPractice,
      "nouns": nouns(
        reviews: reviewCount, recommendations: summary.recommendations,
        findings: summary.findings, goodPractice: summary.goodPractice),
      "findings": (items[.finding]?.items ?? []).map(item),
      "recommendations": (items[.recommendation]?.items ?? []).map(item),
      "goodPractice": (items[.goodPractice]?.items ?? []).map(item),
      "moreFindings": more(.finding), "moreRecommendations": more(.recommendation),
      "moreGoodPractice": more(.goodPractice), "hasMoreFindings": more(.finding) > 0,
      "hasMoreRecommendations": more(.recommendation) > 0,
      "hasMoreGoodPractice": more(.goodPractice) > 0,
    ]
  }

  /// The catalogue of review summaries.
  public static func reviews(_ analysis: CorpusAnalysis) -> [String: Any] {
    [
      "reviews": analysis.reviews.map { review -> [String: Any] in
        let m = review.metadata
        var child = m.child ?? ""
        var details: [String] = []
        if let months = m.childAgeMonths { details.append(ageText(months)) }
        if let sex = m.sex { details.append(sex) }
        if !details.isEmpty && !child.isEmpty { child += " (\(details.joined(separator: ", ")))" }
        let heading = [m.year.map(String.init), m.partnership, child.isEmpty ? nil : child]
          .compactMap { $0 }.joined(separator: " – ")
        var out: [String: Any] = [
          "heading": heading.isEmpty ? (m.title ?? review.source) : heading,
          "title": m.title ?? review.source, "type": reviewTypeLabel(m.reviewType?.rawValue),
          "source": review.source,
          "sourceCode": review.source.replacingOccurrences(of: "`", with: "'"),
          "flags": review.flags,
          "languageIssues": review.languageIssues.map {
            ["phrase": $0.phrase, "prefer": $0.prefer, "section": $0.section]
          },
        ]
        if let synopsis = m.synopsis { out["synopsis"] = synopsis }
        if !review.learning.isEmpty { out["learning"] = sentence(review.learning) }
        if !review.recommendationHeadlines.isEmpty {
          out["recommendations"] = sentence(review.recommendationHeadlines)
        }
        return out
      }
    ]
  }

  /// Parts joined with semicolons and closed with a full stop (unless cut short with "…").
  static func sentence(_ parts: [String]) -> String {
    let joined = parts.joined(separator: "; ")
    return joined.hasSuffix("…") || joined.hasSuffix(".") ? joined : joined + "."
  }

  /// "14 months" or "15 years".
  static func ageText(_ months: Int) -> String {
    if months < 24 { return months == 1 ? "1 month" : "\(months) months" }
    return "\(months / 12) years"
  }
}
