"""Groups of PLOVER event types and trigger modes that several of the event jobs treat alike."""

from __future__ import annotations

# happenings that are events even when the text names nobody who acted («انفجرت سيارة مفخخة»)
UNNAMED_ACTOR_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})

# Events that are things said (a party of the main event speaking again is at the same occasion).
VERBAL_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "THREATEN", "AGREE", "CONCEDE"})

RECEIVING_TYPES = frozenset({"AID", "SUPPORT"})  # acts whose state after «إلى» / «ل» receives them

# stances told by a noun whose nisba adjective is the one who takes them («انتقادات كندية», «دعم أمريكي»)
STANCE_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT", "THREATEN", "REQUEST", "SANCTION"})
# acts whose nisba names the one acted on («مقتل فلسطيني», «اعتقال سوري»), not the one who acts
VICTIM_NISBA_MODES = frozenset({"", "assassination", "execution", "abduction"})

FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})

# support verbs of these types («شن», «نفذ») yield to a trigger noun of any type («شن حملة اعتقالات» is an arrest);
# those of other types («توصل») only to a noun of their own («إلى اتفاق»)
ANY_NOUN_SUPPORT_TYPES = frozenset({"ASSAULT"})
