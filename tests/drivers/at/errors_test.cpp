// +CMS / +CME classes for a failed send (TS 27.005 3.2.5, TS 27.007 9.2).
#include "jumbe/at/errors.hpp"

#include <gtest/gtest.h>

namespace jumbe::at {
namespace {

SendOutcome cms(int code) {
  return classify_send_error({ErrorFamily::cms, code, ""});
}
SendOutcome cme(int code) {
  return classify_send_error({ErrorFamily::cme, code, ""});
}

TEST(AtErrors, RetryHereLater) {
  EXPECT_EQ(cms(314), SendOutcome::retry_here_later);  // SIM busy
  EXPECT_EQ(cms(512), SendOutcome::retry_here_later);  // manufacturer specific: collision
  EXPECT_EQ(cms(515), SendOutcome::retry_here_later);  // please wait, init in progress
  EXPECT_EQ(cme(14), SendOutcome::retry_here_later);   // SIM busy
}

TEST(AtErrors, RetryElsewhere) {
  EXPECT_EQ(cms(38), SendOutcome::retry_elsewhere);   // network out of order
  EXPECT_EQ(cms(331), SendOutcome::retry_elsewhere);  // no network service
  EXPECT_EQ(cms(332), SendOutcome::retry_elsewhere);  // network timeout
  EXPECT_EQ(cms(50), SendOutcome::retry_elsewhere);   // facility not subscribed
  EXPECT_EQ(cms(330), SendOutcome::retry_elsewhere);  // SMSC address unknown
  EXPECT_EQ(cme(30), SendOutcome::retry_elsewhere);   // no network service
  EXPECT_EQ(classify_send_error({ErrorFamily::cms, std::nullopt, "weird"}),
            SendOutcome::retry_elsewhere);
}

TEST(AtErrors, PermanentForTheRecipient) {
  EXPECT_EQ(cms(1), SendOutcome::permanent);    // unassigned number
  EXPECT_EQ(cms(195), SendOutcome::permanent);  // invalid SME address
  EXPECT_EQ(cms(196), SendOutcome::permanent);  // destination SME barred
  EXPECT_EQ(cms(304), SendOutcome::permanent);  // invalid PDU mode parameter
}

TEST(AtErrors, VendorOverridesWin) {
  // SIMCom-style firmware: 529 "MO SMS is not allowed" is this SIM's trouble, not a busy modem.
  SendErrorOverrides simcom;
  simcom.cms.emplace_back(529, SendOutcome::retry_elsewhere);
  EXPECT_EQ(classify_send_error({ErrorFamily::cms, 529, ""}), SendOutcome::retry_here_later);
  EXPECT_EQ(classify_send_error({ErrorFamily::cms, 529, ""}, simcom), SendOutcome::retry_elsewhere);
  EXPECT_EQ(classify_send_error({ErrorFamily::cme, 529, ""}, simcom),
            SendOutcome::retry_elsewhere);  // CME 529: unknown, default class
}

TEST(AtErrors, NamesAndReverseLookup) {
  EXPECT_EQ(cms_error_name(38), "network out of order");
  EXPECT_EQ(cme_error_name(14), "SIM busy");
  EXPECT_EQ(cms_error_from_text("sim busy"), 314);
  EXPECT_EQ(cme_error_from_text("SIM PIN required"), 11);
  EXPECT_EQ(describe({ErrorFamily::cms, 331, ""}), "+CMS ERROR: 331 (no network service)");
  EXPECT_EQ(describe({ErrorFamily::cms, 9999, ""}), "+CMS ERROR: 9999");
}

}  // namespace
}  // namespace jumbe::at
