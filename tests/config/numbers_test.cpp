// Phone numbers as Kenyans write them, normalised to E.164, with the operator from the default
// prefix tables (shared/design/mission.md, "Local facts"). Each row is one way a number reaches
// the gateway: typed by a citizen, pasted by an integrator, or sent by the network.
#include "jumbe/config/numbers.hpp"

#include <gtest/gtest.h>

namespace jumbe::config {
namespace {

NumbersConfig kenya() {
  NumbersConfig c;
  c.operators = default_operators();
  return c;
}

struct Row {
  const char* input;
  AddressKind kind;
  const char* text;
  const char* op;
};

class ConfigNumbersValid : public testing::TestWithParam<Row> {};

TEST_P(ConfigNumbersValid, NormalisesAndFindsOperator) {
  const Numbers numbers(kenya());
  const Row& r = GetParam();
  auto a = numbers.parse_sender(r.input);
  ASSERT_TRUE(a.has_value()) << r.input << ": " << a.error().message;
  EXPECT_EQ(a->kind, r.kind) << r.input;
  EXPECT_EQ(a->text, r.text) << r.input;
  EXPECT_EQ(a->operator_name, r.op) << r.input;
  EXPECT_FALSE(a->by_operator_table) << r.input;
}

INSTANTIATE_TEST_SUITE_P(
    Kenya, ConfigNumbersValid,
    testing::Values(
        // The four ways people write the same Safaricom number, with spaces and dashes.
        Row{"0712345678", AddressKind::e164, "+254712345678", "safaricom"},
        Row{"712345678", AddressKind::e164, "+254712345678", "safaricom"},
        Row{"+254712345678", AddressKind::e164, "+254712345678", "safaricom"},
        Row{"254712345678", AddressKind::e164, "+254712345678", "safaricom"},
        Row{"0712 345 678", AddressKind::e164, "+254712345678", "safaricom"},
        Row{"0712-345-678", AddressKind::e164, "+254712345678", "safaricom"},
        Row{"+254 712 345 678", AddressKind::e164, "+254712345678", "safaricom"},
        Row{"(0712) 345678", AddressKind::e164, "+254712345678", "safaricom"},
        Row{" 0712345678\n", AddressKind::e164, "+254712345678", "safaricom"},
        // International prefixes typed instead of '+': Kenya's own 000 and the common 00.
        Row{"000254712345678", AddressKind::e164, "+254712345678", "safaricom"},
        Row{"00254712345678", AddressKind::e164, "+254712345678", "safaricom"},
        // Trunk 0 kept after the country code, as on some printed forms.
        Row{"+2540712345678", AddressKind::e164, "+254712345678", "safaricom"},
        // Safaricom ranges, both ends.
        Row{"0700123456", AddressKind::e164, "+254700123456", "safaricom"},
        Row{"0729123456", AddressKind::e164, "+254729123456", "safaricom"},
        Row{"0746123456", AddressKind::e164, "+254746123456", "safaricom"},
        Row{"0748123456", AddressKind::e164, "+254748123456", "safaricom"},
        Row{"0757123456", AddressKind::e164, "+254757123456", "safaricom"},
        Row{"0769123456", AddressKind::e164, "+254769123456", "safaricom"},
        Row{"0799123456", AddressKind::e164, "+254799123456", "safaricom"},
        Row{"0110123456", AddressKind::e164, "+254110123456", "safaricom"},
        Row{"0115123456", AddressKind::e164, "+254115123456", "safaricom"},
        Row{"110123456", AddressKind::e164, "+254110123456", "safaricom"},
        // Airtel, including the 010x series.
        Row{"0733123456", AddressKind::e164, "+254733123456", "airtel"},
        Row{"0750123456", AddressKind::e164, "+254750123456", "airtel"},
        Row{"0762123456", AddressKind::e164, "+254762123456", "airtel"},
        Row{"0789123456", AddressKind::e164, "+254789123456", "airtel"},
        Row{"0100123456", AddressKind::e164, "+254100123456", "airtel"},
        Row{"0102123456", AddressKind::e164, "+254102123456", "airtel"},
        // Telkom.
        Row{"0770123456", AddressKind::e164, "+254770123456", "telkom"},
        Row{"0779123456", AddressKind::e164, "+254779123456", "telkom"},
        // Valid Kenyan mobile numbers outside the three tables (Equitel 0763-0766): no operator.
        Row{"0763123456", AddressKind::e164, "+254763123456", ""},
        // A Nairobi landline is a valid number, with no mobile operator.
        Row{"0202222222", AddressKind::e164, "+254202222222", ""},
        // Foreign senders (a citizen abroad, a relative in Tanzania).
        Row{"+255712345678", AddressKind::e164, "+255712345678", ""},
        Row{"+44 20 7946 0958", AddressKind::e164, "+442079460958", ""},
        // Short codes: service numbers, kept as written.
        Row{"22555", AddressKind::short_code, "22555", ""},
        Row{"40404", AddressKind::short_code, "40404", ""},
        Row{"100", AddressKind::short_code, "100", ""},
        Row{"456", AddressKind::short_code, "456", ""},
        // Alphanumeric senders as the network delivers them.
        Row{"SAFARICOM", AddressKind::alphanumeric, "SAFARICOM", ""},
        Row{"M-PESA", AddressKind::alphanumeric, "M-PESA", ""},
        Row{"eCitizen", AddressKind::alphanumeric, "eCitizen", ""},
        Row{"Airtel KE", AddressKind::alphanumeric, "Airtel KE", ""}));

struct Bad {
  const char* input;
  NumberErrorCode code;
  const char* message;
};

class ConfigNumbersInvalid : public testing::TestWithParam<Bad> {};

TEST_P(ConfigNumbersInvalid, RefusedWithReason) {
  const Numbers numbers(kenya());
  const Bad& b = GetParam();
  auto a = numbers.parse_recipient(b.input);
  ASSERT_FALSE(a.has_value()) << b.input << " gave " << a->text;
  EXPECT_EQ(a.error().code, b.code) << b.input;
  EXPECT_EQ(a.error().message, b.message) << b.input;
}

INSTANTIATE_TEST_SUITE_P(
    Garbage, ConfigNumbersInvalid,
    testing::Values(
        Bad{"", NumberErrorCode::empty, "'': empty number"},
        Bad{"   ", NumberErrorCode::empty, "'   ': empty number"},
        Bad{"+", NumberErrorCode::empty, "'+': no digits"},
        Bad{"0712 345", NumberErrorCode::too_short, "'0712 345': too short for a KE mobile number"},
        Bad{"07123456789", NumberErrorCode::too_long,
            "'07123456789': too long for a KE mobile number"},
        Bad{"2547123456789", NumberErrorCode::too_long,
            "'2547123456789': too long for a KE mobile number"},
        Bad{"+254 110 12345", NumberErrorCode::too_short,
            "'+254 110 12345': too short for a KE mobile number"},
        Bad{"12345678", NumberErrorCode::invalid,
            "'12345678': not a valid KE number (no such range)"},
        // 0116 is unknown both to libphonenumber 8.12 and to the default tables.
        Bad{"0116123456", NumberErrorCode::invalid,
            "'0116123456': not a valid KE number (no such range)"},
        Bad{"0712*345678", NumberErrorCode::bad_character,
            "'0712*345678': character '*' does not belong in a phone number"},
        Bad{"07123+45678", NumberErrorCode::bad_character,
            "'07123+45678': character '+' does not belong in a phone number"},
        Bad{"+999123456789", NumberErrorCode::invalid, "'+999123456789': unknown country code"},
        // Found by fuzz_config_numbers: libphonenumber 8.12 calls this German number valid.
        Bad{"+49464 20 7946 095 098", NumberErrorCode::too_long,
            "'+49464 20 7946 095 098': longer than the 15 digits E.164 allows"},
        // libphonenumber would read letters as a vanity number (+254712222678); we refuse.
        Bad{"0712ABC678", NumberErrorCode::alphanumeric,
            "'0712ABC678': a name, not a phone number; messages can only go to numbers"},
        Bad{"SAFARICOM", NumberErrorCode::alphanumeric,
            "'SAFARICOM': a name, not a phone number; messages can only go to numbers"},
        Bad{"+255712345678", NumberErrorCode::international,
            "'+255712345678': a number in TZ; international messages are off "
            "(numbers.allow_international)"},
        Bad{"+14155550123", NumberErrorCode::international,
            "'+14155550123': a number in US; international messages are off "
            "(numbers.allow_international)"}));

TEST(ConfigNumbers, InternationalRecipientsWhenAllowed) {
  NumbersConfig c = kenya();
  c.allow_international = true;
  const Numbers numbers(c);
  auto a = numbers.parse_recipient("+255 712 345 678");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->text, "+255712345678");
  EXPECT_EQ(a->region, "TZ");
}

TEST(ConfigNumbers, AlphanumericSendersLimitedTo11Characters) {
  const Numbers numbers(kenya());
  EXPECT_EQ(numbers.parse_sender("KAUNTIYANAKURU").error().message,
            "'KAUNTIYANAKURU': alphanumeric senders have at most 11 characters");
  EXPECT_EQ(numbers.parse_sender("NAKURU;DROP").error().code, NumberErrorCode::bad_character);
}

// libphonenumber 8.12.57 (Debian 12) predates Safaricom's 0116-0119 and Airtel's 0107-0108
// ranges and calls +254116123456 invalid; integrators hit the same with newer ranges (e.g.
// "254118445xxx", ruimarinho/google-libphonenumber#465). The fix is data: add the range to
// numbers.operators and the number is accepted on the table's word, marked as such.
TEST(ConfigNumbers, NewRangesAcceptedFromOperatorTable) {
  NumbersConfig c = kenya();
  ASSERT_FALSE(Numbers(c).parse_recipient("0116123456").has_value());
  for (auto& op : c.operators) {
    const char* extra = op.name == "safaricom" ? "0116-0119"
                        : op.name == "airtel"  ? "0107-0108"
                                               : nullptr;
    if (extra == nullptr) continue;
    const auto prefixes = expand_prefix(extra, 254).value();
    op.prefixes.insert(op.prefixes.end(), prefixes.begin(), prefixes.end());
  }
  const Numbers numbers(c);
  for (const char* input : {"0116123456", "+254 118 445 123", "254119000111"}) {
    auto a = numbers.parse_recipient(input);
    ASSERT_TRUE(a.has_value()) << input << ": " << a.error().message;
    EXPECT_EQ(a->operator_name, "safaricom") << input;
    EXPECT_TRUE(a->by_operator_table) << input;
    EXPECT_EQ(a->region, "KE") << input;
  }
  auto airtel = numbers.parse_recipient("0107123456");
  ASSERT_TRUE(airtel.has_value());
  EXPECT_EQ(airtel->text, "+254107123456");
  EXPECT_EQ(airtel->operator_name, "airtel");
  // The table does not make a wrong length right: 8 national digits stay too short.
  EXPECT_EQ(numbers.parse_recipient("011612345").error().code, NumberErrorCode::too_short);
}

TEST(ConfigNumbers, LongestPrefixWins) {
  NumbersConfig c = kenya();
  // An MVNO on Safaricom's network with its own sub-range.
  c.operators.push_back(OperatorConfig{"mvno", "MVNO", {"2547123"}});
  const Numbers numbers(c);
  EXPECT_EQ(numbers.operator_of("+254712345678"), "mvno");
  EXPECT_EQ(numbers.operator_of("+254712045678"), "safaricom");
  EXPECT_EQ(numbers.operator_of("254733000000"), "airtel");
  EXPECT_EQ(numbers.operator_of("+255712345678"), "");
  EXPECT_EQ(numbers.operator_of(""), "");
}

TEST(ConfigNumbers, DefaultTablesMatchMissionRanges) {
  // mission.md: Safaricom 0700-0729, 0740-0746, 0748, 0757-0759, 0768-0769, 0790-0799,
  // 0110-0115; Airtel 0730-0739, 0750-0756, 0762, 0780-0789, 0100-0102; Telkom 0770-0779.
  const auto ops = default_operators();
  ASSERT_EQ(ops.size(), 3u);
  EXPECT_EQ(ops[0].prefixes.size(), 30u + 7 + 1 + 3 + 2 + 10 + 6);
  EXPECT_EQ(ops[1].prefixes.size(), 10u + 7 + 1 + 10 + 3);
  EXPECT_EQ(ops[2].prefixes.size(), 10u);
  const Numbers numbers(kenya());
  EXPECT_EQ(numbers.operator_of("+254747000000"), "");  // 0747 is in no table
  // Every prefix in the default tables is a range libphonenumber 8.12 accepts as valid.
  for (const auto& op : ops) {
    for (const auto& p : op.prefixes) {
      std::string n = "+" + p;
      n.append(13 - n.size(), '1');
      auto a = numbers.parse_recipient(n);
      ASSERT_TRUE(a.has_value()) << n << ": " << a.error().message;
      EXPECT_FALSE(a->by_operator_table) << n;
      EXPECT_EQ(a->operator_name, op.name) << n;
    }
  }
}

TEST(ConfigNumbers, PrefixSpecs) {
  EXPECT_EQ(expand_prefix("0748", 254).value(), std::vector<std::string>{"254748"});
  EXPECT_EQ(expand_prefix("748", 254).value(), std::vector<std::string>{"254748"});
  EXPECT_EQ(expand_prefix("+254748", 254).value(), std::vector<std::string>{"254748"});
  EXPECT_EQ(expand_prefix("0768-0769", 254).value(),
            (std::vector<std::string>{"254768", "254769"}));
  EXPECT_EQ(expand_prefix("+254790-+254792", 254).value(),
            (std::vector<std::string>{"254790", "254791", "254792"}));
  EXPECT_EQ(expand_prefix("0799-0790", 254).error(), "range '0799-0790' runs backwards");
  EXPECT_EQ(expand_prefix("070-0729", 254).error(),
            "the ends of range '070-0729' differ in length");
  EXPECT_EQ(expand_prefix("07x0", 254).error(), "'07x0' is not a digit prefix");
  EXPECT_EQ(expand_prefix("0", 254).error(), "'0' alone is not a prefix");
  EXPECT_EQ(expand_prefix("0700000-0799999", 254).error(),
            "range '0700000-0799999' spans more than 10000 prefixes");
}

}  // namespace
}  // namespace jumbe::config
