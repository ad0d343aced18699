import CSPRModel
import Foundation

/// Judges each recommendation against what the national Panel asks of them: a named owner, a
/// specific action, a measure of success, a timescale, a level that reaches managers and
/// leaders, more than assurance-seeking or training alone, and a finding it follows from.
public struct QualityAssessor: Sendable {
  /// Creates an assessor.
  public init() {}

  static let vaguePhrases = [
    "consider", "be reminded", "remind", "raise awareness", "be aware", "reflect on", "explore",
    "promote", "encourage", "continue to", "think about", "be mindful", "note the",
    "look at", "be encouraged",
  ]
  static let concreteVerbs = [
    "revise", "develop", "introduce", "audit", "publish", "deliver", "establish", "agree",
    "update", "implement", "require", "produce", "commission", "set up", "create", "include",
    "record", "appoint", "issue", "reform", "write", "provide", "add", "assess", "review",
    "relaunch", "adopt", "amend", "embed", "test", "evaluate", "report", "share", "check",
    "train", "ensure that every", "ensure that all", "make sure", "notify", "refer",
  ]
  static let measureCues = [
    "measure", "evidenced", "evidence of", "audit", "report back", "report to", "reporting",
    "monitor", "percentage", "%", "kpi", "dashboard", "data", "outcome", "impact", "success",
    "evaluate", "evaluation", "re-audit", "feedback",
  ]
  static let timescaleCues = [
    "within ", "by january", "by february", "by march", "by april", "by may", "by june",
    "by july", "by august", "by september", "by october", "by november", "by december",
    "by the end of", "months", "weeks", "annually", "every year", "each year", "quarterly",
    "by 20", "in 20", "immediately", "timescale", "deadline",
  ]
  static let nationalCues = [
    "department for", "home office", "government", "ofsted", "ofcom", "nhs england",
    "national ", "youth justice board", "department of health", "dhsc", "the panel",
    "police chiefs", "legislation",
  ]
  static let strategicCues = [
    "partnership", "safeguarding partners", "board", "lscb", "icb", "integrated care",
    "commissioning", "commissioners", "chief", "director", "strategic", "assurance", "governance",
    "leaders", "executive",
  ]
  static let managerCues = [
    "manager", "supervision", "supervisor", "team leader", "senior", "leadership", "oversight",
    "audit", "caseload", "workload", "quality assurance", "head teacher", "headteacher",
    "designated safeguarding lead", "named nurse", "named doctor", "designated nurse",
  ]
  static let unnamedOwners = [
    "all agencies", "agencies", "practitioners", "professionals", "all practitioners",
    "all professionals", "staff", "everyone", "services", "partners", "organisations",
    "all partner agencies", "partner agencies",
  ]

  /// Assesses one recommendation, given the findings of the same review.
  public func assess(_ item: Item, findings: [Item]) -> RecommendationQuality {
    let text = item.text
    let lower = " " + text.lowercased() + " "
    var reasons: [String] = []
    var score = 0

    let owner = item.owner ?? Self.ownerPhrase(text)
    let hasOwner =
      owner.map { !Self.unnamedOwners.contains($0.lowercased().strippingThe()) } ?? false
    if hasOwner {
      score += 25
      reasons.append("names an accountable owner (\(owner ?? ""))")
    } else {
      reasons.append("no accountable owner is named")
    }

    let action = Self.action(lower)
    let vague = Self.vaguePhrases.contains { action.hasPrefix($0) || action.hasPrefix("to " + $0) }
    let concrete = Self.concreteVerbs.contains { action.has($0) }
    let isSpecific = !vague && concrete
    if isSpecific {
      score += 20
      reasons.append("asks for a specific action")
    } else {
      reasons.append(
        vague ? "the action is vague (\(Self.firstWords(action)))" : "no concrete action verb")
    }

    let hasMeasure = item.measure != nil || Self.measureCues.contains { lower.has($0) }
    if hasMeasure {
      score += 20
      reasons.append("says how success will be evidenced")
    } else {
      reasons.append("no measure of success")
    }

    let hasTimescale = item.timescale != nil || Self.timescaleCues.contains { lower.has($0) }
    if hasTimescale {
      score += 15
      reasons.append("has a timescale")
    } else {
      reasons.append("no timescale")
    }

    let level: String
    if Self.nationalCues.contains(where: lower.has) {
      level = "national"
    } else if Self.strategicCues.contains(where: lower.has)
      || (item.owner.map { Self.strategicCues.contains(where: $0.lowercased().has) } ?? false)
    {
      level = "strategic"
    } else if Self.managerCues.contains(where: lower.has) {
      level = "manager"
    } else {
      level = "practitioner"
    }
    if level != "practitioner" {
      score += 10
      reasons.append("aimed at \(level == "manager" ? "managers" : level + " leaders")")
    } else {
      reasons.append("aimed at practitioners only")
    }

    let assuranceOnly =
      (action.hasPrefix("seek assurance") || action.hasPrefix("provide assurance")
        || action.hasPrefix("obtain assurance") || action.hasPrefix("be assured"))
    if assuranceOnly {
      score -= 15
      reasons.append("only seeks assurance")
    }

    let trainingWords = [
      "training", "briefing", "awareness", "policy", "procedure", "guidance", "learning",
    ]
    let trainingVerbs = [
      "deliver", "provide", "offer", "undertake", "review", "update", "revise", "refresh",
      "relaunch", "remind", "raise", "disseminate", "circulate", "share", "include",
    ]
    let otherActions = [
      "audit", "protocol", "pathway", "introduce", "appoint", "commission", "assess",
    ]
    let trainingOrPolicyOnly =
      trainingVerbs.contains { action.hasPrefix($0) }
      && trainingWords.contains { action.has($0) }
      && !otherActions.contains { lower.has($0) }
    if trainingOrPolicyOnly {
      score -= 15
      reasons.append("the only action is training, a briefing or a policy review")
    }

    let words = TextTools.contentWords(text)
    let followsFinding = findings.contains { finding in
      let other = TextTools.contentWords(finding.text + " " + (finding.title ?? ""))
      let shared = words.intersection(other).count
      return shared >= 3 && Double(shared) >= 0.2 * Double(max(1, words.count))
    }
    if followsFinding {
      score += 10
      reasons.append("follows from a finding of the review")
    } else {
      reasons.append(
        findings.isEmpty
          ? "the review states no findings to follow from"
          : "does not follow from any finding (orphaned)")
    }

    return RecommendationQuality(
      hasOwner: hasOwner, isSpecific: isSpecific, hasMeasure: hasMeasure,
      hasTimescale: hasTimescale, level: level, assuranceOnly: assuranceOnly,
      trainingOrPolicyOnly: trainingOrPolicyOnly, followsFinding: followsFinding,
      score: max(0, min(100, score)), reasons: reasons)
  }

  /// The subject before the modal: "Children's social care should…" → "Children's social care".
  static func ownerPhrase(_ text: String) -> String? {
    let lower = text.lowercased()
    for modal in [" should ", " must ", " will ", " needs to ", " is asked to ", " are asked to "] {
      guard let range = lower.range(of: modal) else { continue }
      var subject = String(text[text.startIndex..<range.lowerBound])
      if let that = subject.lowercased().range(of: "recommended that ") {
        subject = String(subject[that.upperBound...])
      }
      let words = subject.split(separator: " ")
      guard !words.isEmpty, words.count <= 12 else { return nil }
      return subject.trimmingSpaces()
    }
    return nil
  }

  /// The words after the modal (or the whole text when it starts with a verb).
  static func action(_ lower: String) -> String {
    for modal in [" should ", " must ", " will ", " needs to ", " is asked to ", " are asked to "] {
      if let range = lower.range(of: modal) {
        return String(lower[range.upperBound...]).trimmingSpaces()
      }
    }
    return lower.trimmingSpaces()
  }

  static func firstWords(_ text: String) -> String {
    text.split(separator: " ").prefix(3).joined(separator: " ")
  }

  /// Review-level observations on the whole list of recommendations.
  public func reviewFlags(_ recommendations: [Item]) -> [String] {
    var flags: [String] = []
    if recommendations.count > 15 {
      flags.append(
        "unusually long list: \(recommendations.count) recommendations (the Panel asks for "
          + "fewer, sharper ones)")
    }
    let qualities = recommendations.compactMap(\.quality)
    if !recommendations.isEmpty && !qualities.contains(where: { $0.level != "practitioner" }) {
      flags.append("no recommendation is aimed at managers or leaders")
    }
    if recommendations.isEmpty { flags.append("no recommendations were found") }
    return flags
  }
}

extension String {
  fileprivate func strippingThe() -> String {
    hasPrefix("the ") ? String(dropFirst(4)) : self
  }
}

/// Whether a finding explains *why* practice went as it did, rather than narrating events:
/// causal language, or systemic factors such as workload, tools, culture and supervision.
public enum ExplanationCheck {
  static let causal = [
    "because", "due to", "as a result", "led to", "meant that", "resulted in", "reason",
    "contributed", "underlying", "so that", "which meant", "why", "caused", "this was",
    "in part", "driven by", "partly", "explained by", "the effect", "influenced",
  ]
  static let systemic = [
    "workload", "caseload", "capacity", "culture", "system", "procedure", "policy", "tool",
    "pressure", "turnover", "staffing", "resources", "training", "supervision", "assumption",
    "bias", "understanding", "guidance", "process", "thresholds", "commissioning", "design",
  ]

  /// Whether the finding's text explains causes.
  public static func explainsWhy(_ text: String) -> Bool {
    let lower = text.lowercased()
    let causes = causal.filter { lower.has($0) }.count
    let factors = systemic.filter { lower.has($0) }.count
    return causes >= 1 || factors >= 2
  }
}
