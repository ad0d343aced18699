import Foundation

/// The canonical list of agencies, each with the names reviews use for it.
public enum Agencies {
  /// Canonical name and the lowercase aliases that stand for it, most specific first.
  public static let all: [(name: String, aliases: [String])] = [
    (
      "children's social care",
      [
        "children's social care", "childrens social care", "children's services",
        "children's social work", "social worker", "social work team", "csc", "mash",
        "multi-agency safeguarding hub", "local authority children's", "children’s social care",
        "children’s services", "family support and child protection", "iaa",
      ]
    ),
    (
      "police",
      ["police", "constabulary", "officer in the case", "public protection unit", "npcc"]
    ),
    (
      "health visiting",
      ["health visitor", "health visiting", "0-19", "0–19", "public health nurs"]
    ),
    (
      "GP and primary care",
      [
        " gp ", "gp practice", "gp surgery", "general practitioner", "gps", "primary care",
        "practice nurse",
      ]
    ),
    ("midwifery", ["midwi", "maternity", "antenatal"]),
    (
      "hospital and emergency department",
      [
        "emergency department", "a&e", "hospital", "paediatrician", "paediatric", "urgent care",
        "minor injuries",
      ]
    ),
    ("ambulance", ["ambulance", "paramedic"]),
    (
      "CAMHS",
      ["camhs", "child and adolescent mental health", "children and young people's mental health"]
    ),
    (
      "adult mental health",
      [
        "adult mental health", "perinatal mental health", "community mental health team",
        "psychiatrist",
      ]
    ),
    (
      "school and education",
      [
        "school", "nursery", "college", "designated safeguarding lead", "teacher", "education",
        "early years",
      ]
    ),
    (
      "early help",
      ["early help", "family support worker", "team around the family", "families first"]
    ),
    ("probation", ["probation"]),
    ("youth justice", ["youth justice", "youth offending", "yot"]),
    ("housing", ["housing", "homeless", "temporary accommodation", "landlord"]),
    (
      "substance misuse services",
      [
        "substance misuse service", "drug and alcohol service", "drug service", "alcohol service",
        "recovery service",
      ]
    ),
    (
      "voluntary sector",
      [
        "voluntary", "charity", "idva", "domestic abuse service", "refuge", "women's aid",
        "youth worker",
      ]
    ),
    (
      "ICB / health commissioners",
      [
        "icb", "integrated care board", "clinical commissioning group", "ccg", "designated nurse",
        "designated doctor", "nhs england",
      ]
    ),
    (
      "local authority leadership",
      ["director of children's services", "local authority", "council", "lead member"]
    ),
    (
      "safeguarding partnership",
      [
        "safeguarding partnership", "safeguarding children partnership", "lscb",
        "safeguarding children board", "safeguarding board", "safeguarding partners",
      ]
    ),
    (
      "national government and bodies",
      [
        "department for education", "home office", "government", "ofsted", "ofcom",
        "department of health", "dhsc", "national panel", "youth justice board",
      ]
    ),
  ]

  /// The aliases as one phrase set: a single pass over a text's words finds every agency.
  static let phrases = PhraseSet<Int>(
    all.enumerated().flatMap { index, entry in
      entry.aliases.map { alias -> (String, Int) in
        let trimmed = alias.trimmingCharacters(in: .whitespaces)
        // Aliases written as stems ("midwi", "paediatric") match any word they begin.
        let isStem = !trimmed.contains(" ") && stems.contains(trimmed)
        return (isStem ? trimmed + "*" : trimmed, index)
      }
    })

  /// Aliases that stand for every word they begin.
  static let stems: Set<String> = [
    "midwi", "maternity", "antenatal", "paediatric", "hospital", "school", "nursery", "college",
    "teacher", "education", "probation", "housing", "homeless", "landlord", "charity", "voluntary",
    "council", "police", "constabulary", "ambulance", "paramedic", "camhs", "gps", "icb", "ccg",
  ]

  /// Canonical names of every agency mentioned in `text`, in list order.
  public static func mentioned(in text: String) -> [String] {
    mentioned(inWords: PhraseSet<Int>.words(text))
  }

  /// Canonical names of every agency mentioned in a text already split into words.
  static func mentioned(inWords words: [Substring]) -> [String] {
    names(phrases.labels(in: words))
  }

  /// Canonical names of every agency mentioned in a text given as blocks, in list order.
  static func mentioned(inBlocks texts: [String]) -> [String] {
    names(phrases.labels(inBlocks: texts))
  }

  private static func names(_ found: Set<Int>) -> [String] {
    all.indices.filter(found.contains).map { all[$0].name }
  }

  /// The canonical agency a short owner phrase names, if any ("The ICB" → ICB / health
  /// commissioners).
  public static func canonical(_ owner: String) -> String? {
    mentioned(in: owner).first
  }
}
