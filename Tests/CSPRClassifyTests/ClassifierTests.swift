import CSPRClassify
import CSPRModel
import Foundation
import Testing
import _CSPRTestSupport

/// The default classifier, loaded once.
let defaultClassifier: Classifier = {
  do {
    return try Classifier.load()
  } catch {
    fatalError("the bundled taxonomy does not load: \(error)")
  }
}()

func themes(_ text: String, section: String? = nil) -> [String] {
  defaultClassifier.tags(text, section: section).map(\.theme)
}

@Suite("Theme classifier")
struct ClassifierTests {
  /// A clear positive for every theme, written in practitioners' words.
  static let positives: [(String, String)] = [
    (
      "voice-of-the-child",
      "The child was never seen alone and her wishes and feelings were not recorded."
    ),
    (
      "information-sharing",
      "The GP did not share information with the health visitor about the previous referral."
    ),
    (
      "supervision",
      "The social worker's supervision focused on tasks and offered no reflective space."
    ),
    (
      "professional-curiosity",
      "Practitioners accepted the parents' explanations at face value and showed little professional curiosity."
    ),
    (
      "multi-agency-working",
      "Multi-agency working broke down: each agency acted alone and no joint plan was made."
    ),
    (
      "escalation-challenge",
      "The nursery did not use the escalation policy to challenge the decision to close the case."
    ),
    (
      "risk-assessment",
      "The risk assessment did not consider the history of violence and underestimated the risk."
    ),
    (
      "thresholds-referrals",
      "The referral to children's social care was judged not to meet the threshold."
    ),
    (
      "domestic-abuse",
      "Mother described coercive control and the police completed a DASH risk assessment after domestic abuse."
    ),
    (
      "neglect",
      "The children lived with chronic neglect: poor hygiene, untreated dental decay and hunger."
    ),
    (
      "parental-mental-health",
      "Mother had perinatal mental health difficulties and postnatal depression."
    ),
    (
      "substance-misuse",
      "Father's alcohol misuse and cannabis use were known to the substance misuse service."
    ),
    (
      "safe-sleep-sudi",
      "The baby died while co-sleeping on a sofa; safer sleep advice had not been repeated."
    ),
    (
      "non-mobile-babies-bruising",
      "A bruise on a non-mobile baby was not referred under the bruising protocol."
    ),
    (
      "fathers-and-men",
      "The mother's new partner was never assessed and remained an invisible man to agencies."
    ),
    ("child-sexual-abuse", "The girl disclosed sexual abuse by her stepfather."),
    ("exploitation", "He was groomed into county lines and criminal exploitation."),
    ("disability-send", "The child was autistic, had an EHCP and limited verbal communication."),
    (
      "race-ethnicity-culture",
      "No interpreter was used and the family's culture and faith were not explored."
    ),
    ("record-keeping", "Case records were incomplete and the chronology was not kept up to date."),
    ("training-workforce", "Staff had not received training and caseloads were too high."),
    (
      "leadership-management",
      "Senior leaders and the partnership did not have assurance that the audit findings were acted on."
    ),
    (
      "disguised-compliance",
      "The parents showed disguised compliance, appearing to cooperate without any change."
    ),
    ("was-not-brought", "The child was not brought to six health appointments."),
    (
      "education-attendance",
      "The school did not follow up her poor attendance and she became a child missing education."
    ),
    (
      "housing-transience",
      "The family were placed in temporary accommodation and moved between areas three times."
    ),
    ("online-harm", "She was groomed online and sexual images were shared on social media."),
    ("self-harm-suicide", "The young person had self-harmed and spoke of suicidal thoughts."),
    (
      "early-help",
      "An early help assessment was completed and a team around the family meeting held."
    ),
    (
      "child-protection-planning",
      "A strategy discussion was held and a section 47 enquiry led to a child protection plan."
    ),
    (
      "health-services",
      "The health visitor and the GP saw the baby, and the emergency department discharged her."
    ),
    (
      "police",
      "Police officers attended the address and the police investigation took eleven months."
    ),
    (
      "family-engagement",
      "The family did not engage with services and the wider family's concerns were not listened to."
    ),
    (
      "physical-abuse",
      "The toddler had fractures and other injuries consistent with physical abuse."
    ),
    (
      "adolescents",
      "As a teenager her needs as an adolescent were not recognised during the transition to adulthood."
    ),
    (
      "parental-capacity",
      "The parenting capacity assessment found that Mother could not meet the baby's needs."
    ),
  ]

  @Test("every theme triggers on a clear positive", arguments: positives)
  func positive(theme: String, text: String) {
    #expect(themes(text).contains(theme), "\(theme) not found in: \(themes(text))")
  }

  @Test("the positives cover every theme of the taxonomy")
  func coverage() {
    #expect(Set(Self.positives.map(\.0)) == Set(defaultClassifier.taxonomy.themes.map(\.id)))
    #expect(defaultClassifier.taxonomy.themes.count >= 36)
  }

  /// False friends: words that look like a theme but are not about it.
  static let falseFriends: [(String, String)] = [
    ("supervision", "The court made a supervision order and contact was supervised."),
    ("voice-of-the-child", "The social worker left a voicemail for Mother."),
    (
      "information-sharing",
      "The siblings shared a bedroom and the family shared learning with the review."
    ),
    ("fathers-and-men", "The grandfather drove the family to the appointment."),
    (
      "police",
      "Information held by the police, the school and children's social care was not brought together."
    ),
    ("self-harm-suicide", "The domestic abuse safety plan was reviewed with Mother and the IDVA."),
    ("voice-of-the-child", "Missed health appointments were not seen as a sign of neglect."),
    ("record-keeping", "The school nurse did not take it further and did not note the concern."),
  ]

  @Test("a false friend does not tag its theme", arguments: falseFriends)
  func falseFriend(theme: String, text: String) {
    #expect(!themes(text).contains(theme), "\(theme) wrongly found in: \(text)")
  }

  @Test("a generic theme gives way to a stronger topic theme and stands on its own")
  func genericTheme() {
    let topical = themes(
      "Children's social care and the GP practices should agree a protocol for sharing "
        + "information about parents, and the partnership should audit its use.")
    #expect(topical.contains("information-sharing"))
    #expect(!topical.contains("leadership-management"), "\(topical)")
    let governance = themes(
      "The safeguarding partnership should strengthen its governance and quality assurance "
        + "arrangements and report to the executive board.")
    #expect(governance.contains("leadership-management"), "\(governance)")
  }

  @Test("a generic flag that is not true or false is a located error")
  func genericFlagError() throws {
    let base = try TaxonomyLoader.bundled()
    let yaml = "themes:\n  - id: leadership-management\n    generic: sometimes\n"
    do {
      _ = try TaxonomyLoader.apply(yaml, file: "g.yaml", to: base)
      Issue.record("a non-boolean generic flag was accepted")
    } catch let error as TaxonomyError {
      #expect(error.line == 3 && error.message.contains("generic"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("phrases that normalise alike count once, at the higher weight")
  func duplicatePhrases() throws {
    let yaml = """
      themes:
        - id: poverty
          label: Poverty
          group: family-context
          definition: Poverty.
          phrases:
            - { text: food bank, weight: 2 }
            - { text: food banks, weight: 3 }
            - { text: debt, weight: 1 }
      """
    let classifier = Classifier(
      taxonomy: try TaxonomyLoader.parse(yaml, file: "t.yaml"), language: try LanguageList.load())
    let tags = classifier.scores("She used a food bank, then two food banks, and had debts.")
    // food bank(s) once at weight 3, debt once: 4, not 3 + 2 + 1.
    #expect(tags.first?.score == 4)
    #expect(tags.first?.evidence.count == 2)
  }

  @Test("a tag carries its score's calibrated confidence; --min-confidence drops the unsure")
  func calibratedConfidence() throws {
    let yaml = """
      calibration:
        - { score: 2, confidence: 0.45 }
        - { score: 4, confidence: 0.9 }
      themes:
        - id: poverty
          label: Poverty
          group: family-context
          definition: Poverty.
          phrases: [ { text: food bank, weight: 2 }, { text: rent arrears, weight: 3 } ]
        - id: debt
          label: Debt
          group: family-context
          definition: Debt.
          phrases: [ { text: bailiffs, weight: 2 } ]
      """
    var classifier = Classifier(
      taxonomy: try TaxonomyLoader.parse(yaml, file: "t.yaml"), language: try LanguageList.load())
    let text = "The family used a food bank and were in rent arrears; bailiffs called."
    let tags = classifier.tags(text)
    // poverty scores 5 (the step from 4), debt 2 (the step from 2).
    #expect(tags.map(\.theme) == ["poverty", "debt"])
    #expect(tags.map(\.confidence) == [0.9, 0.45])
    classifier.minimumConfidence = 0.8
    #expect(classifier.tags(text).map(\.theme) == ["poverty"])
    // A trained model adds to the scores, which the calibration does not describe.
    classifier.model = TrainedModel.train(
      texts: ["rent arrears and a food bank", "a school trip"], labels: [["poverty"], []],
      themes: ["poverty", "debt"])
    #expect(!classifier.isCalibrated)
    #expect(classifier.tags(text).allSatisfy { $0.confidence == nil })
  }

  @Test(
    "a calibration whose confidence falls, or whose scores do not rise, is a located error",
    arguments: [
      ("- { score: 2, confidence: 0.6 }\n  - { score: 3, confidence: 0.5 }", 3, "must not fall"),
      ("- { score: 3, confidence: 0.4 }\n  - { score: 3, confidence: 0.5 }", 3, "must rise"),
      ("- { score: 2, confidence: 1.5 }", 2, "from 0 to 1"),
      ("- { score: 2, certainty: 0.5 }", 2, "unknown calibration key"),
    ])
  func calibrationErrors(steps: String, line: Int, message: String) throws {
    do {
      _ = try TaxonomyLoader.apply(
        "calibration:\n  \(steps)\n", file: "local.yaml", to: try TaxonomyLoader.bundled())
      Issue.record("accepted: \(steps)")
    } catch let error as TaxonomyError {
      #expect(error.file == "local.yaml")
      #expect(error.line == line)
      #expect(error.message.contains(message))
    }
  }

  @Test("a calibration fitted to coded tags pools a step that falls with the one below")
  func fittedCalibration() throws {
    var check = CalibrationCheck(
      taxonomy: try TaxonomyLoader.apply(
        "calibration: []\n", file: "t.yaml", to: try TaxonomyLoader.bundled()))
    #expect(check.steps == [2, 3, 4, 5, 6])
    // Score 2: 5 of 10 coded; score 3: 3 of 10; score 4: none assigned; 6 and up: 9 of 10.
    for index in 0..<10 {
      check.add(score: 2.5, coded: index < 5)
      check.add(score: 3, coded: index < 3)
      check.add(score: 7, coded: index < 9)
    }
    check.add(score: 1, coded: true)  // under every step: not counted
    #expect(check.tags == [10, 10, 0, 0, 10])
    let fitted = check.fitted()
    #expect(fitted.map(\.score) == [2, 3, 6])
    #expect(fitted.map(\.confidence) == [0.4, 0.4, 0.9])
    #expect(
      check.report().contains("fitted to this file: calibration: [{ score: 2, confidence: 0.40 }"))
  }

  @Test("at most max_themes themes are kept, strongest first, and a file can raise it")
  func maxThemes() throws {
    let text =
      "Domestic abuse, parental substance misuse and the mother's mental ill-health were "
      + "known, the baby was not brought to appointments and the family lived in temporary "
      + "accommodation."
    let eligible = defaultClassifier.scores(text).filter { $0.score >= 2 }
    let kept = defaultClassifier.tags(text)
    #expect(eligible.count > 4)
    // Three, plus any tied with the third.
    #expect(kept.count >= 3 && kept.count < eligible.count)
    #expect(kept.dropFirst(3).allSatisfy { $0.score == kept[2].score })
    #expect(eligible.dropFirst(kept.count).allSatisfy { $0.score < kept[2].score })
    let wider = try TaxonomyLoader.apply(
      "max_themes: 6\n", file: "local.yaml", to: try TaxonomyLoader.bundled())
    let classifier = Classifier(taxonomy: wider, language: try LanguageList.load())
    #expect(classifier.tags(text).count > 3)
    #expect(throws: TaxonomyError.self) {
      try TaxonomyLoader.apply("max_themes: 0\n", file: "local.yaml", to: wider)
    }
  }

  @Test("a phrase cancelled by an exclusion of its own theme is found; the default has none")
  func noDeadPhrases() throws {
    #expect(defaultClassifier.cancelledPhrases().isEmpty)
    let yaml = "themes:\n  - id: police\n    exclude: [police officers]\n"
    let overlaid = try TaxonomyLoader.apply(
      yaml, file: "local.yaml", to: defaultClassifier.taxonomy)
    let classifier = Classifier(taxonomy: overlaid, language: try LanguageList.load())
    #expect(
      classifier.cancelledPhrases().map { "\($0.theme): \($0.phrase)" } == [
        "police: police officer"
      ])
  }

  @Test("every theme stays silent on each of its own false friends")
  func everyExclusion() {
    var loud: [String] = []
    for theme in defaultClassifier.taxonomy.themes {
      #expect(!theme.exclude.isEmpty, "\(theme.id) has no false friends")
      for falseFriend in theme.exclude
      where themes("The review noted the \(falseFriend) in passing.").contains(theme.id) {
        loud.append("\(theme.id): \(falseFriend)")
      }
    }
    #expect(loud.isEmpty, "\(loud)")
  }

  @Test("a text about nothing in the taxonomy gets no theme")
  func none() {
    #expect(themes("The meeting was held on a Tuesday in the council offices.").isEmpty)
  }

  @Test("evidence offsets point at the matched words")
  func evidenceOffsets() throws {
    let marked = MarkedText(
      "Practitioners agreed: ⟦e⟧neglect⟧ was not named.".replacingOccurrences(
        of: "⟧ was", with: "⟦/e⟧ was"))
    let tag = try #require(defaultClassifier.tags(marked.text).first { $0.theme == "neglect" })
    let evidence = try #require(tag.evidence.first)
    let span = try #require(marked.spans["e"])
    #expect(evidence.offset == span.lowerBound)
    #expect(evidence.length == span.count)
    let characters = Array(marked.text)
    #expect(
      String(characters[evidence.offset..<(evidence.offset + evidence.length)]) == evidence.matched)
  }

  @Test("of two overlapping phrases of one length, the weightier one counts")
  func overlappingPhrases() throws {
    // "not seen" (weight 2) and "seen alone" (weight 3) share "seen": the first must not win
    // only because it starts earlier.
    let tag = try #require(
      defaultClassifier.scores("The child was not seen alone.").first {
        $0.theme == "voice-of-the-child"
      })
    #expect(tag.evidence.map(\.phrase) == ["seen alone"])
    #expect(tag.score == 3)
  }

  @Test("offsets count characters, not bytes, after curly quotes and accents")
  func offsetsAfterUnicode() throws {
    let text = "“Café” staff said Child A’s case showed neglect."
    let tag = try #require(defaultClassifier.tags(text).first { $0.theme == "neglect" })
    let evidence = try #require(tag.evidence.first)
    let characters = Array(text)
    #expect(String(characters[evidence.offset..<(evidence.offset + evidence.length)]) == "neglect")
  }

  @Test("a negation cue weakens the evidence that follows it")
  func negation() throws {
    let plain = defaultClassifier.scores("The review found neglect of the children.")
    let negated = defaultClassifier.scores(
      "The review found no evidence of neglect of the children.")
    let before = try #require(plain.first { $0.theme == "neglect" }?.score)
    let after = negated.first { $0.theme == "neglect" }?.score ?? 0
    #expect(after < before)
  }

  @Test("a section heading about a theme adds to evidence already in the item")
  func sectionContext() throws {
    let text = "Staff did not talk to the child during the visits."
    let without =
      defaultClassifier.scores(text).first { $0.theme == "voice-of-the-child" }?.score ?? 0
    let with =
      defaultClassifier.scores(text, section: "4. The voice of the child").first {
        $0.theme == "voice-of-the-child"
      }?.score ?? 0
    #expect(with > without)
    #expect(without > 0)
  }
}

@Suite("Normaliser")
struct NormaliserTests {
  @Test(
    "inflections, possessives, hyphens and US spellings fold together",
    arguments: [
      ("bruising", "bruise"), ("shared", "sharing"), ("referred", "refer"), ("families", "family"),
      ("behavior", "behaviour"), ("organizations", "organisations"), ("planning", "plan"),
    ])
  func folds(a: String, b: String) {
    #expect(Normaliser.stems(a) == Normaliser.stems(b))
  }

  @Test(
    "words that must stay apart do",
    arguments: [("police", "policy"), ("assess", "asses"), ("notes", "not"), ("noted", "not")])
  func apart(a: String, b: String) {
    #expect(Normaliser.stems(a) != Normaliser.stems(b))
  }

  @Test("possessive 's is dropped and hyphens split words")
  func tokens() {
    #expect(
      Normaliser.stems("the child’s co-sleeping") == Normaliser.stems("the child co sleeping"))
  }
}

@Suite("Taxonomy files")
struct TaxonomyFileTests {
  @Test("a YAML syntax error is reported with its line and column")
  func syntaxError() {
    let yaml = "version: 1\nthemes:\n  - id: local\n    label: [unclosed\n"
    #expect {
      try TaxonomyLoader.parse(yaml, file: "local.yaml")
    } throws: { error in
      let located = error as? TaxonomyError
      return located?.line != nil && located?.column != nil && located?.file == "local.yaml"
    }
  }

  @Test("a schema error names the line and column of the offending value")
  func schemaError() throws {
    let yaml = """
      version: 1
      themes:
        - id: local-priority
          label: Local priority
          group: practise
          definition: Something.
          phrases: [ { text: county lines, weight: 3 } ]
      """
    do {
      _ = try TaxonomyLoader.parse(yaml, file: "t.yaml")
      Issue.record("an unknown group was accepted")
    } catch let error as TaxonomyError {
      #expect(error.line == 5)
      #expect(error.column == 12)
      #expect(error.message.contains("unknown group"))
    }
  }

  @Test("an unquoted comma in a phrase is a located error, not a shorter phrase")
  func commaInPhrase() throws {
    let base = try TaxonomyLoader.bundled()
    let yaml = """
      themes:
        - id: early-help
          phrases:
            - { text: information, advice and assistance, weight: 2 }
      """
    do {
      _ = try TaxonomyLoader.apply(yaml, file: "local.yaml", to: base)
      Issue.record("the phrase was read as `information`")
    } catch let error as TaxonomyError {
      #expect(error.line == 4)
      #expect(error.message.contains("advice and assistance"))
    }
  }

  @Test("a hostile theme id is refused", arguments: ["../../etc", "Voice", "a b", ""])
  func hostileID(id: String) {
    let yaml =
      "themes:\n  - id: \"\(id)\"\n    label: x\n    group: practice\n    definition: x\n    phrases: [x]\n"
    #expect(throws: TaxonomyError.self) { try TaxonomyLoader.parse(yaml, file: "t.yaml") }
  }

  @Test("an overlay adds a theme, extends another and removes a third")
  func overlay() throws {
    let base = try TaxonomyLoader.bundled()
    let yaml = """
      themes:
        - id: cost-of-living
          label: Cost of living
          group: family-context
          definition: Poverty and the cost of living.
          phrases: [ { text: food bank, weight: 3 } ]
        - id: neglect
          phrases: [ { text: holiday hunger, weight: 3 } ]
        - id: online-harm
          remove: true
      """
    let taxonomy = try TaxonomyLoader.apply(yaml, file: "local.yaml", to: base)
    let classifier = Classifier(taxonomy: taxonomy, language: try LanguageList.load())
    #expect(classifier.tags("The family relied on a food bank.").map(\.theme) == ["cost-of-living"])
    #expect(
      classifier.tags("Holiday hunger was noticed by the school.").contains {
        $0.theme == "neglect"
      })
    #expect(taxonomy.theme("online-harm") == nil)
    #expect(taxonomy.themes.count == base.themes.count)
  }

  @Test("ten times the themes give the same tags for the original ones")
  func manyThemes() throws {
    let base = try TaxonomyLoader.bundled()
    var large = base
    for copy in 1..<10 {
      large.themes += base.themes.map { theme in
        var clone = theme
        clone.id = "\(theme.id)-copy\(copy)"
        return clone
      }
    }
    let small = Classifier(taxonomy: base, language: try LanguageList.load())
    let big = Classifier(taxonomy: large, language: try LanguageList.load())
    let text = "The baby was co-sleeping and the health visitor had not given safer sleep advice."
    let smallTags = small.scores(text).map(\.theme)
    let bigTags = big.scores(text).map(\.theme).filter { !$0.contains("-copy") }
    #expect(smallTags == bigTags)
    #expect(large.themes.count == 360)
  }
}

@Suite("Trained model and evaluation")
struct ModelTests {
  @Test("the trained model learns a theme from labelled examples")
  func learns() {
    var texts: [String] = []
    var labels: [[String]] = []
    for index in 0..<20 {
      texts.append("The family used the food bank again in week \(index).")
      labels.append(["poverty"])
      texts.append("The meeting discussed the timetable for week \(index).")
      labels.append([])
    }
    let model = TrainedModel.train(texts: texts, labels: labels, themes: ["poverty"])
    #expect((model.probabilities("They went to the food bank.")["poverty"] ?? 0) > 0.5)
    #expect((model.probabilities("The timetable was discussed.")["poverty"] ?? 1) < 0.5)
  }

  @Test("a model read back from its file gives the same probabilities; a broken one is refused")
  func modelFile() throws {
    var texts: [String] = []
    var labels: [[String]] = []
    for index in 0..<10 {
      texts.append("The family used the food bank again in week \(index).")
      labels.append(["poverty"])
      texts.append("The meeting discussed the timetable for week \(index).")
      labels.append([])
    }
    let model = TrainedModel.train(texts: texts, labels: labels, themes: ["poverty"])
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("model.json")
    try JSONEncoder().encode(model).write(to: file)
    let read = try TrainedModel.read(file.path)
    let text = "They went to the food bank."
    #expect(read.probabilities(text) == model.probabilities(text))
    #expect(read.positives == [10])
    // A row shorter than the vocabulary would index out of range: refused when read.
    var broken = model
    broken.weights[0].removeLast(2)
    try JSONEncoder().encode(broken).write(to: file)
    #expect(throws: TaxonomyError.self) { try TrainedModel.read(file.path) }
    // So is a count of coded items that does not give one count per theme.
    var miscounted = model
    miscounted.positives = [10, 3]
    try JSONEncoder().encode(miscounted).write(to: file)
    #expect(throws: TaxonomyError.self) { try TrainedModel.read(file.path) }
    // A model written before the counts were kept still reads.
    var older = model
    older.positives = nil
    try JSONEncoder().encode(older).write(to: file)
    #expect(try TrainedModel.read(file.path).positives == nil)
  }

  @Test("a combined model adds a taxonomy theme it is sure of; a small coding never vetoes")
  func combined() throws {
    // A local coding: food bank use coded as housing and transience (and as a `poverty`
    // theme the taxonomy does not have).
    var texts: [String] = []
    var labels: [[String]] = []
    for index in 0..<20 {
      texts.append("The family used the food bank again in week \(index).")
      labels.append(["housing-transience", "poverty"])
      texts.append("The meeting discussed the timetable for week \(index).")
      labels.append([])
    }
    var classifier = defaultClassifier
    let food = "They went to the food bank."
    #expect(classifier.tags(food).isEmpty)
    classifier.model = TrainedModel.train(
      texts: texts, labels: labels, themes: ["housing-transience", "poverty", "neglect"])
    let tagged = classifier.tags(food).map(\.theme)
    #expect(tagged.contains("housing-transience"))
    // The taxonomy in force has no `poverty`: the model does not bring it in.
    #expect(!tagged.contains("poverty"))
    // The model never saw neglect coded, so it is sure it is absent; the lexicon still wins.
    let neglect = "There was chronic neglect of the children's basic needs."
    #expect(classifier.tags(neglect).map(\.theme).contains("neglect"))
  }

  @Test("a model that has seen a theme coded 30 times may veto a mention of it")
  func veto() throws {
    // A partnership's coding: the school nurse's work is coded health-services, and a
    // line naming the maternity notes among the papers read is not (a mention, not the topic).
    func coding(_ repeats: Int) -> (texts: [String], labels: [[String]]) {
      var texts: [String] = []
      var labels: [[String]] = []
      for index in 0..<repeats {
        texts.append("The school nurse reviewed the child's growth at clinic in week \(index).")
        labels.append(["health-services"])
        texts.append("The reviewer read the file and the maternity notes from week \(index).")
        labels.append([])
      }
      return (texts, labels)
    }
    let mention = "The reviewer read the file and the maternity notes."
    var classifier = defaultClassifier
    let lexicon = classifier.scores(mention).first { $0.theme == "health-services" }?.score ?? 0
    #expect(lexicon >= 2, "the lexicon alone tags the mention")

    let large = coding(Classifier.vetoSupport)
    classifier.model = TrainedModel.train(
      texts: large.texts, labels: large.labels, themes: ["health-services"])
    #expect((classifier.model?.probabilities(mention)["health-services"] ?? 1) < 0.05)
    let vetoed = classifier.scores(mention).first { $0.theme == "health-services" }?.score ?? 0
    #expect(abs(vetoed - (lexicon - Classifier.vetoPenalty)) < 1e-9)
    #expect(!classifier.tags(mention).map(\.theme).contains("health-services"))

    // The same wording seen fewer than 30 times: the model is as sure, but may not veto.
    let small = coding(Classifier.vetoSupport - 1)
    classifier.model = TrainedModel.train(
      texts: small.texts, labels: small.labels, themes: ["health-services"])
    #expect((classifier.model?.probabilities(mention)["health-services"] ?? 1) < 0.05)
    #expect(classifier.tags(mention).map(\.theme).contains("health-services"))
  }

  @Test("precision, recall, F1 and kappa on a worked example")
  func metrics() throws {
    var evaluation = ThemeEvaluation(themeIDs: ["a", "b"])
    evaluation.add(gold: ["a"], predicted: ["a"])
    evaluation.add(gold: ["a"], predicted: ["b"])
    evaluation.add(gold: [], predicted: [])
    evaluation.add(gold: ["b"], predicted: ["b"])
    let a = try #require(evaluation.themes["a"])
    #expect(a.precision == 1)
    #expect(a.recall == 0.5)
    // a: TP 1, FN 1, TN 2 → observed 3/4; expected 0.5×0.25 + 0.5×0.75 = 0.5 → kappa 0.5.
    #expect(abs(a.kappa - 0.5) < 1e-9)
    #expect(evaluation.confusions["a → b"] == 1)
    #expect(evaluation.report(title: "t").hasSuffix("macro-F1: 0.67\n"))
  }

  @Test("bootstrap intervals: zero width for a perfect run, around the figure for a mixed one")
  func intervals() throws {
    var perfect = ThemeEvaluation(themeIDs: ["a", "b"])
    for index in 0..<20 {
      perfect.add(gold: [index % 2 == 0 ? "a" : "b"], predicted: [index % 2 == 0 ? "a" : "b"])
    }
    let exact = try #require(perfect.intervals())
    #expect(exact.micro == 1...1 && exact.macro == 1...1)

    var mixed = ThemeEvaluation(themeIDs: ["a", "b"])
    for index in 0..<40 {
      mixed.add(gold: ["a"], predicted: index % 4 == 0 ? ["b"] : ["a"])
    }
    let interval = try #require(mixed.intervals())
    #expect(interval.micro.contains(mixed.micro.f1))
    #expect(interval.micro.upperBound - interval.micro.lowerBound > 0.05)
    // The same seed gives the same interval, so a report can be reproduced.
    #expect(mixed.intervals()?.micro == interval.micro)
    #expect(mixed.report(title: "t").contains("95% interval (bootstrap, 1000 resamples"))
  }

  @Test("the resampling generator is SplitMix64")
  func splitMix() {
    // The first output for seed 0 in the published reference implementation.
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
  }

  @Test("inter-coder agreement on a worked example")
  func agreement() throws {
    let coded: [[String: Set<String>]] = [
      ["a": ["neglect"], "b": ["neglect"]],
      ["a": ["neglect", "police"], "b": ["neglect"]],
      ["a": [], "b": ["police"]],
      ["a": ["police"], "b": ["police"]],
      ["a": ["neglect"]],
    ]
    let agreement = CoderAgreement(
      themeIDs: ["neglect", "police", "supervision"], codings: coded,
      adjudicated: coded.map { $0["a"] ?? [] })
    // The last item has only one coder, so it is left out.
    #expect(agreement.items == 4)
    let pair = try #require(agreement.pairs.first)
    #expect(pair.first == "a" && pair.second == "b")
    // neglect: full agreement (kappa 1); police: TP 1, FP 1, FN 1, TN 1 → kappa 0.
    #expect(abs((pair.evaluation.themes["neglect"]?.kappa ?? 0) - 1) < 1e-9)
    #expect(abs(pair.evaluation.themes["police"]?.kappa ?? 1) < 1e-9)
    #expect(abs(pair.evaluation.micro.f1 - 0.75) < 1e-9)
    #expect(agreement.againstAdjudicated.map(\.evaluation.micro.f1) == [1, 0.75])
    #expect(agreement.themeKappas.map(\.theme) == ["neglect", "police"])
    #expect(agreement.report().hasSuffix("mean pairwise macro-kappa: 0.50\n"))
  }
}
