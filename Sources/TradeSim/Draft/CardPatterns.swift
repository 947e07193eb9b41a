/// The rule table of `tradesim draft`: every pattern the drafter looks for in a key-decision
/// bullet, with what a match produces. Patterns are written in Swift `Regex` syntax and mean
/// what Swift `Regex` makes of them, matched case-insensitively with simple word boundaries
/// (`\b` between a word character and any other, so "trade:long" has one before "long";
/// Swift's default Unicode boundaries do not break at a colon between letters); they are kept
/// here as text (one table, documented in the README under "tradesim draft") and compiled
/// once per process (`DecisionReader.shared`) by `CardPattern`, a matcher whose time is linear
/// in the bullet's length (Swift `Regex` backtracks, quadratically on a long bullet).
/// `CardPattern` takes the part of the syntax used here, with a lookahead either at a
/// pattern's end or of fixed length; a test compiles every pattern and compares the two
/// matchers on the test cards and thousands of generated bullets.
///
/// No network, no model: a bullet the table cannot read is reported, never guessed at.
package enum CardPatterns {
    /// Decision kinds, tried in this order; the first that matches names the kind.
    package static let kinds: [(kind: DecisionKind, pattern: String, example: String)] = [
        (.pair, #"\bpair\b|\blong\b.+?\b(?:vs\.?|versus|against)\s|\blong\b[^;]*?/\s*short\b"#,
         "pair trade: long … vs short …"),
        (.eventStrangle, #"\bstrangles?\b"#, "strangles around the meeting"),
        (.eventStraddle, #"\bstraddles?\b|\bevent[- ]driven options\b"#, "short-dated straddles"),
        (.collar, #"\bcollars?\b"#, "collar the position"),
        (.protection, #"\bput spreads?\b|\bputs?\b|\bprotection\b|\bhedg(?:e|es|ing)\b"#,
         "buy downside protection via puts or put spreads"),
        (.basket, #"\blong\b|\bbuy\b|\baccumulate\b|\boverweight\b|\bbasket\b|\bshort(?!-)\b|\bunderweight\b|\bsell\b"#,
         "go long a basket of … on weakness"),
    ]

    /// A basket is short when its first side word is one of these.
    package static let shortSide = #"\bshort(?!-)\b|\bunderweight\b|\bsell\b"#
    package static let longSide = #"\blong\b|\bbuy\b|\baccumulate\b|\boverweight\b"#

    /// Words that end a group phrase ("… enablers on weakness for 3-6 months").
    /// Also a new side ("… and sell …", "… / short …", "… vs …", "… against …"), a dash
    /// between spaces, a question mark and a clause word ("so", "because", "but", "at", …).
    static let phraseEnd = #"(?=\s+(?:on|for|over|into|ahead|through|via|until|during|before|after|around|using|since|as|with|if|when|in the|within|so|because|but|while|at|rather|and\s+(?:sell|short|buy|long|go)|or\s+(?:sell|short|buy|long))\b|\s+(?:vs\.?|versus|against)\s|\s+/|\s+[-–—]\s|\s*[:;,(?!]|\.(?:\s|$)|$)"#

    /// The group a decision trades, by kind. Capture 1 is the phrase.
    package static let basketGroup = #"\bbasket of\s+(?:the\s+)?([a-z$].+?)"# + phraseEnd
    package static let sideGroup = #"\b(?:go long|get long|long|buy|accumulate|overweight|go short|short(?!-)|underweight|sell)\s+(?:the\s+|an?\s+)?([a-z$].+?)"# + phraseEnd
    package static let protectionGroup = #"\b(?:(?:protection|puts?|put spreads?|hedges?)\s+(?:on|for|against|in|over)|hedge)\s+(?:the\s+)?([a-z$].+?)"# + phraseEnd
    package static let optionGroup = #"\b(?:straddles?|strangles?|options?)\s+(?:on|in)\s+(?:the\s+)?([a-z$].+?)"# + phraseEnd
    package static let collarGroup = #"\bcollars?\s+(?:on|around)\s+(?:the\s+)?([a-z$].+?)"# + phraseEnd
    package static let pairLong = #"\blong\s+(?:the\s+)?([a-z$].+?)(?=\s+(?:vs\.?|versus|against)\s|\s*/\s*short\b|\s*[;,(]|$)"#
    package static let pairShort = #"(?:\bshort\s+|\b(?:vs\.?|versus|against)\s+(?:short\s+)?)(?:the\s+)?([a-z$].+?)(?=\s*[;(]|,\s|\.(?:\s|$)|$)"#
    // MARK: - Direction (issue 20: read, never guessed)

    /// Side words, each with the group phrase after it: a long side ("long", "buy", "own",
    /// "accumulate", "overweight", "add to") and a short side ("short", "sell", "underweight").
    /// Not sides: "long-dated", "long bond", "long weekend", "short-dated", "short term",
    /// "short interest", "sell-off" (the words that follow say so; bullets have single spaces).
    package static let longMark = #"\b(?:go\s+long|get\s+long|long(?!-)|buy(?:ing)?|own(?:ing)?|accumulate|accumulating|overweight|add\s+to)\b(?!\s(?:bonds?|end|weekend|run|term|read|haul|duration|dated)\b)"#
    package static let shortMark = #"\b(?:go\s+short|get\s+short|short(?!-)|sell(?:ing)?(?!-)|underweight)\b(?!\s(?:term|end|rates?|dated|interest|squeeze|side)\b)"#
    /// Words that give a side only loosely ("play", "bet on", "ride", "fade"): drafted, listed to decide.
    package static let weakLongMark = #"\b(?:play|bet\s+on|ride|position\s+for|exposure\s+to)\b"#
    package static let weakShortMark = #"\b(?:fade|bet\s+against)\b"#
    /// "X vs Y", "X against Y": Y takes the side opposite X's unless its own word says otherwise.
    package static let against = #"\b(?:vs\.?|versus|against|relative\s+to)\s"#
    /// "hedge with XLE shorts": the hedging instrument is the short side (not with options: that is protection).
    package static let hedgeWith = #"\bhedg(?:e|es|ed|ing)\s+(?:it\s+|them\s+|this\s+|that\s+)?(?:with|using|via)\s+(?!(?:some\s|a\s)?(?:puts?|put\sspreads?|options?|calls?|collars?|protection)\b)"#
    /// The group after a side word (matched from the side word's end).
    package static let markGroup = #"^\s+(?:(?:the|an?|some|more|our)\s+)*([a-z$].+?)"# + phraseEnd
    /// What follows a side word that makes it an option purchase, not a stock side ("buy puts", "buy downside protection").
    package static let optionObject = #"^\s+(?:(?:the|an?|some|more|cheap|short-dated|long-dated|downside|upside)\s+)*(?:puts?|put\s+spreads?|calls?|call\s+spreads?|options?|straddles?|strangles?|collars?|protection|insurance|hedges?|vol|volatility)\b"#
    package static let pairWord = #"\bpairs?\b"#
    /// "Pair XOM and CVX": a pair named without sides (capture 1 and 2).
    package static let pairUnsided = #"\bpair(?:\s+trade)?:?\s+(?:the\s+)?([a-z$][^,;:]*?)\s+(?:and|with|/)\s+(?:the\s+)?([a-z$].+?)"# + phraseEnd
    /// Words that say the card is unsure of a trade ("not sure", "?").
    package static let unsure = #"\bnot\s+sure\b|\bunsure\b|\bor\s+(?:the\s+)?(?:other\s+way|reverse)\b|\?"#
    /// Trims and exits: a bullet that only closes a position ("Trim copper miners at +25%").
    package static let exitWord = #"\b(?:trim|exit|reduce|cut|take\s+profits?)\b"#
    package static let trimAt = #"\b(?:trim|exit|reduce|cut|take\s+profits?\s+(?:in|on))\s+(?:the\s+|our\s+|some\s+)?(?!at\b)([a-z$].+?)\s+(?:at|above|on\s+a)\s+\+?(\d+(?:\.\d+)?)\s*%"#
    /// "our existing IBB holding", "our current XLV position": a holding, not a purchase (capture 1).
    package static let holding = #"\b(?:our|existing|current)\s+(?:existing\s+|current\s+)?([^,;:.()]{1,40}?)\s+(?:holdings?|positions?|stakes?|exposure)\b"#

    /// More return bands: a bps range without a word ("300-500 bps if …"), a signed range
    /// ("+15-25% if …", an upside), a verb before the number ("could drop 50-60%").
    package static let bandBps = #"(?:^|[^\d.~≈-])(~|≈|about |around |roughly )?(\d+(?:\.\d+)?)\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?)\s*(bps|bp|basis points)\b"#
    package static let bandPlus = #"(?:^|[^\w.+-])\+(\d+(?:\.\d+)?)\s*%?\s*(?:-|–|—|to)\s*\+?(\d+(?:\.\d+)?)\s*%"#
    package static let bandVerb = #"\b(drop|drops|fall|falls|decline|declines|lose|loses|slide|slides|sink|sinks|gain|gains|rally|rallies|rise|rises|climb|climbs)\s+(?:by\s+|another\s+)?(?:~|about\s+|around\s+|roughly\s+)?(\d+(?:\.\d+)?)\s*(?:%\s*)?(?:(?:-|–|—|to)\s*(\d+(?:\.\d+)?)\s*)?%"#
    /// "… on a CRL": a band's condition naming an event's outcome (read in bullets that trade around an event).
    package static let conditionOn = #"^\s*,?\s*on\s+(?:an?\s+|the\s+)?(.+?)(?=,|;|\.(?:\s|$)|$)"#
    /// Terse horizons: "3m", "2w", "1q" (the study format's own strings).
    package static let horizonTerse = #"(?:^|[^\w$.,])(\d{1,3})(d|w|m|q|y)\b"#

    /// Members listed after a colon: "…: MP and a specialty processing/equipment proxy if available;".
    package static let members = #":\s*([^;:]+?)(?=\s*;|\.(?:\s|$)|$)"#

    /// A ticker: 1–5 capital letters (an optional ".B" class), standing alone. Matched
    /// case-sensitively (Swift Regex has no lookbehind: the character before is matched instead); `notTickers` are capitalised words that are not tickers.
    package static let ticker = #"(?:^|[^\w$.-])\$?([A-Z]{1,5}(?:\.[A-Z])?)(?![\w-])"#
    package static let notTickers: Set<String> = [
        "A", "I", "US", "USA", "UK", "EU", "UN", "CEO", "CFO", "COO", "CTO", "EV", "EVS", "AI", "OEM", "OEMS", "IP", "ETF",
        "ETFS", "IPO", "GDP", "CPI", "PPI", "PMI", "FOMC", "ECB", "BOJ", "BOE", "PBOC", "OPEC", "LNG", "FX", "Q", "QE", "QT",
        "PE", "EPS", "NATO", "FDA", "SEC", "DOJ", "FTC", "ITC", "EPA", "DOE", "DOD", "IRA", "YOY", "QOQ", "ATM", "OTM",
        "ITM", "IV", "VIX", "USD", "EUR", "CNY", "JPY", "GBP", "NAND", "DRAM", "HBM", "GPU", "CPU", "API", "SAAS", "M",
        "B", "K", "OK", "AND", "OR", "THE", "ESG", "R", "D", "RD", "NIM", "CRE", "HY", "IG", "MBS", "WTI", "H", "Q1", "Q2",
        "Q3", "Q4", "H1", "H2", "FY", "TBD", "N", "S", "E", "W", "X", "AM", "PM", "GLP", "PC", "PCS", "CMS", "PBM", "PBMS",
        "OPEC", "HBM", "LLM", "US-", "DC", "EM", "DM", "UAE", "OTC", "NYSE", "NASDAQ", "LSE",
        // Regulators' and events' words (issue 20: "PDUFA" became an asset), and side words written in capitals.
        "PDUFA", "CRL", "NDA", "BLA", "SNDA", "ADCOM", "EMA", "CMS", "FDA", "NIH", "BIS", "WTO", "USTR", "NFP", "BLS",
        "LONG", "SHORT", "BUY", "SELL", "PAIR", "HOLD", "OWN", "TRIM", "EXIT", "PUT", "PUTS", "CALL", "CALLS", "KEY",
        "NOTE", "NB", "FYI", "REIT", "REITS", "BPS", "BP", "NAV", "AUM", "YTD", "MTD", "TBA", "ASAP", "IMO", "TLDR",
    ]

    /// Holding periods and tenors. Ranges take their upper end ("3-6 months" → 6m).
    package static let horizonRange = #"\b(\d+)\s*(?:-|–|—|to)\s*(\d+)\s*(day|week|month|quarter|year)s?\b"#
    package static let horizonSingle = #"\b(\d+|one|two|three|four|five|six|nine|twelve)[\s-]*(day|week|month|quarter|year)s?\b"#
    package static let horizonNext = #"\b(?:next|coming|this)\s+(day|week|month|quarter|year)\b"#
    /// Word horizons: days to weeks → 4w, weeks to months → 3m, months to years → 1y;
    /// short-dated / near-dated / front-month → 1m; long-dated → 1y.
    package static let horizonWords: [(pattern: String, horizon: String)] = [
        (#"\bdays to weeks\b"#, "4w"), (#"\bweeks to months\b"#, "3m"), (#"\bmonths to years\b"#, "1y"),
        (#"\bshort[- ]dated\b|\bnear[- ]dated\b|\bfront[- ]month\b"#, "1m"), (#"\blong[- ]dated\b"#, "1y"),
    ]

    /// Return bands: "20-30% upside", "~10-15% downside", "200-400 bps relative
    /// outperformance", "upside of 20-30%", "returns between 10% and 20%", single values "25% upside". Downside words flip
    /// the sign; bps and % set the unit.
    package static let bandRange = #"(~|≈|about |around |roughly |approximately )?([+-]?\d+(?:\.\d+)?)\s*(%|bps|bp|basis points)?\s*(?:-|–|—|to)\s*([+-]?\d+(?:\.\d+)?)\s*(%|bps|bp|basis points)\s+(?:of\s+)?(relative\s+)?(?:total\s+)?(upside|downside|gains?|loss(?:es)?|returns?|drawdown|declines?|drops?|rally|outperformance|underperformance|spread)"#
    package static let bandSingle = #"(?:^|[^\d.~≈-])(~|≈|about |around |roughly |approximately )?([+-]?\d+(?:\.\d+)?)\s*(%|bps|bp|basis points)\s+(?:of\s+)?(relative\s+)?(?:total\s+)?(upside|downside|gains?|loss(?:es)?|returns?|drawdown|declines?|drops?|rally|outperformance|underperformance|spread)"#
    package static let bandWordFirst = #"\b(upside|downside|gains?|loss(?:es)?|returns?|drawdown|outperformance|underperformance)\s+(?:of|maybe|perhaps|potentially|near|is|could be|between)\s+(~|about |around |roughly )?(\d+(?:\.\d+)?)\s*(%|bps|bp)?(?:\s*(?:-|–|—|to|and)\s*(\d+(?:\.\d+)?))?\s*(%|bps|bp)"#
    package static let negativeWords: Set<String> = ["downside", "loss", "losses", "drawdown", "decline", "declines", "drop", "drops", "underperformance",
                                                         "fall", "falls", "lose", "loses", "slide", "slides", "sink", "sinks"]
    /// A band's condition, after it ("… if talks unlock Chinese supply") or before it
    /// ("if talks fail, expect …"). The condition names a scenario.
    package static let conditionAfter = #"^\s*,?\s*(?:if|when|should|once|in case|provided)\s+(.+?)(?=,\s*(?:with|and|but|while)\b|,\s*[~+-]?\d|\s+with\s+|;|\.(?:\s|$)|$)"#
    package static let conditionBefore = #"\b(?:if|when|should|once|in case)\s+([^,;]+?),\s*(?:expect|target|look for|we see|see)?\s*$"#

    /// Entry on weakness; capture 1, when present, is the drop in percent.
    package static let weakness = #"\bon\s+(?:weakness|dips?|any\s+dips?|(?:a|any)\s+(?:pullback|sell-?off|dip)|pullbacks|sell-?offs|(?:a|any)\s+(\d+(?:\.\d+)?)\s*%\s*(?:pullback|drop|dip|decline|correction|sell-?off))\b"#

    /// Exits and sizes the card states: "with a 10% stop" / "stop at 12%" → exit.stopLoss;
    /// "take profits at 25%" / "trim at +25%" → exit.takeProfit; "a 2% position" / "3% of the
    /// portfolio" / "50 bps of NAV" → the size as a share of capital. Capture 1 (or 2) is the number.
    package static let stopLoss = #"\b(\d+(?:\.\d+)?)\s*%\s*(?:trailing\s+)?stop(?:-loss|\s+loss)?\b|\bstop(?:-loss|\s+loss)?\s+(?:at\s+|of\s+)?[-−]?(\d+(?:\.\d+)?)\s*%"#
    package static let takeProfit = #"\b(?:take\s+profits?|take-profit|trim|exit)\s+(?:at\s+|above\s+)?\+?(\d+(?:\.\d+)?)\s*%"#
    package static let sizeShare = #"\b(\d+(?:\.\d+)?)\s*(%|bps|bp)\s+(?:of\s+(?:the\s+)?(?:portfolio|capital|nav|book|aum)|position|weight|allocation)\b"#

    /// Named events: "around US-China meeting dates", "ahead of the Fed decision". Capture 1.
    package static let event = #"\b(?:around|ahead of|into|before|after|through|across)\s+(?:the\s+|next\s+|upcoming\s+|coming\s+|its\s+|their\s+)*((?:[\w.&'+-]+\s+){0,4}?(?:meeting|summit|talks|decision|election|earnings|hearing|vote|ruling|deadline|auction|release|report|print|announcement|conference|readout|fomc(?:\s+(?:meeting|decision|minutes))?|pdufa|adcom|ex-dividend|date))s?\b(?:\s+dates?)?"#
    /// Two outcomes of an event: "either on an export-relief headline or on a hard-line … announcement".
    package static let outcomes = #"\beither\s+(?:on\s+|via\s+|from\s+)?(?:an?\s+|the\s+)?(.+?)\s+or\s+(?:on\s+|via\s+|from\s+)?(?:an?\s+|the\s+)?(.+?)(?=[;,]|\.(?:\s|$)|$)"#

    /// Dates (`CardDate`): "2027-03-15"; "Oct 30", "October 30th, 2026"; "15 March", "15th of March 2027".
    package static let dateISO = #"\b(\d{4})-(\d{2})-(\d{2})\b"#
    static let monthNames = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    package static let dateMonthDay = #"\b("# + monthNames + #")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?"#
    package static let dateDayMonth = #"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?("# + monthNames + #")\b\.?(?:,?\s+(\d{4})\b)?"#

    /// Option structures named as alternatives ("puts or put spreads" → two variants).
    package static let putSpread = #"\bput[- ]spreads?\b"#
    package static let put = #"\bputs?\b(?![- ]spread)"#
    package static let betaNeutral = #"\bbeta[- ]neutral\b"#
    package static let dollarNeutral = #"\b(?:dollar|cash)[- ]neutral\b"#

    /// Words dropped from a group phrase to make its tag ("the most policy-sensitive names" →
    /// "policy-sensitive"); a tag ends at a qualifier ("broad industrials most exposed to …" →
    /// "broad-industrials") and keeps at most 5 words.
    static let tagDropWords: Set<String> = ["the", "a", "an", "most", "some", "select", "selected", "other", "any",
                                            "names", "name", "stocks", "stock", "shares", "equities", "companies", "plays",
                                            "of", "basket", "group", "sector", "space", "complex", "shorts", "longs"]
    static let tagEndWords: Set<String> = ["most", "that", "which", "who", "whose", "with", "where", "if",
                                           "when", "in", "on", "at", "for", "to", "such", "like", "including", "e", "eg"]
    /// Words dropped from a condition to name its scenario.
    static let scenarioDropWords: Set<String> = ["the", "a", "an", "and", "or", "of", "to", "in", "on", "if", "when",
                                                 "keep", "keeps", "begin", "begins", "is", "are", "be", "been", "their",
                                                 "its", "our", "they", "it", "does", "do", "will", "would", "should", "than"]
    /// Words a shortened scenario name does not end on: they lead into the words cut off.
    static let danglingWords: Set<String> = ["for", "with", "at", "by", "from", "than", "as", "into", "over", "under", "after",
                                             "before", "against", "vs", "about", "per", "via", "through", "amid", "while",
                                             "but", "so", "until", "without", "below", "above", "near", "toward", "towards"]
    /// Phrases dropped from a member ("… proxy if available").
    static let memberTrailers = ["if available", "where available", "if possible", "where possible", "etc", "as well"]
    /// A listed member without a ticker stands for one (a placeholder) only when it says so.
    static let memberNouns: Set<String> = ["proxy", "name", "names", "etf", "stock", "company", "play", "peer", "equivalent", "ticker", "fund"]

    /// Every pattern above by the name the reader uses (kinds and horizon words aside).
    package static let named: [String: String] = [
        "short": shortSide, "long": longSide,
        "basketGroup": basketGroup, "sideGroup": sideGroup,
        "protectionGroup": protectionGroup, "optionGroup": optionGroup,
        "collarGroup": collarGroup, "pairLong": pairLong, "pairShort": pairShort,
        "members": members, "horizonRange": horizonRange,
        "horizonSingle": horizonSingle, "horizonNext": horizonNext,
        "bandRange": bandRange, "bandSingle": bandSingle,
        "bandWordFirst": bandWordFirst, "conditionAfter": conditionAfter,
        "conditionBefore": conditionBefore, "weakness": weakness,
        "stopLoss": stopLoss, "takeProfit": takeProfit, "sizeShare": sizeShare,
        "event": event, "outcomes": outcomes, "putSpread": putSpread,
        "put": put, "beta": betaNeutral, "dollar": dollarNeutral,
        "straddle": #"\bstraddles?\b"#, "strangle": #"\bstrangles?\b"#,
        "longMark": longMark, "shortMark": shortMark, "weakLongMark": weakLongMark, "weakShortMark": weakShortMark,
        "against": against, "hedgeWith": hedgeWith, "markGroup": markGroup, "optionObject": optionObject,
        "pairWord": pairWord, "pairUnsided": pairUnsided, "unsure": unsure, "exitWord": exitWord, "trimAt": trimAt,
        "holding": holding, "bandBps": bandBps, "bandPlus": bandPlus, "bandVerb": bandVerb,
        "conditionOn": conditionOn, "horizonTerse": horizonTerse,
        "dateISO": dateISO, "dateMonthDay": dateMonthDay, "dateDayMonth": dateDayMonth,
    ]
}
