// by-path parsing and relocation. Names follow udev's path_id as seen on a PC (pci-...) and on a
// Raspberry Pi (platform-...); the Huawei E173 exposes interfaces 1.0-1.2 (modem on 1.0).
#include "jumbe/serial/ports.hpp"

#include <gtest/gtest.h>

#include "jumbe/serial/identity.hpp"

namespace jumbe::serial {
namespace {

TEST(SerialPorts, UsbDeviceKeyAndInterface) {
  EXPECT_EQ(usb_device_key("pci-0000:00:14.0-usb-0:2:1.0-port0"), "pci-0000:00:14.0-usb-0:2");
  EXPECT_EQ(usb_interface("pci-0000:00:14.0-usb-0:2:1.2-port0"), "1.2");
  EXPECT_EQ(usb_device_key("platform-3f980000.usb-usb-0:1.3:1.0-port0"),
            "platform-3f980000.usb-usb-0:1.3");
  EXPECT_EQ(usb_device_key("pci-0000:00:14.0-usbv2-0:2.4:1.3-port0"),
            "pci-0000:00:14.0-usbv2-0:2.4");
  EXPECT_FALSE(usb_device_key("pci-0000:00:16.3"));  // a built-in UART, no USB
  EXPECT_FALSE(usb_device_key(""));
}

PortInfo port(std::string dev, std::string by_path) {
  PortInfo p;
  p.device = std::move(dev);
  p.by_path = by_path.empty() ? "" : "/dev/serial/by-path/" + by_path;
  return p;
}

TEST(SerialIdentity, ReplugIntoTheSameSocketIsFoundByUsbKey) {
  // Before: ttyUSB0-2; after a replug the kernel handed out ttyUSB3-5.
  const std::vector<PortInfo> after{port("/dev/ttyUSB3", "pci-0000:00:14.0-usb-0:2:1.0-port0"),
                                    port("/dev/ttyUSB4", "pci-0000:00:14.0-usb-0:2:1.1-port0"),
                                    port("/dev/ttyUSB5", "pci-0000:00:14.0-usb-0:2:1.2-port0"),
                                    port("/dev/ttyUSB6", "pci-0000:00:14.0-usb-0:3:1.0-port0")};
  const ModemIdentity id{"", "pci-0000:00:14.0-usb-0:2"};
  EXPECT_EQ(relocate(id, after, nullptr),
            (std::vector<std::string>{"/dev/ttyUSB3", "/dev/ttyUSB4", "/dev/ttyUSB5"}));
  EXPECT_EQ(id.label(), "usb:pci-0000:00:14.0-usb-0:2");
}

TEST(SerialIdentity, MovedToAnotherSocketIsFoundByImei) {
  const std::vector<PortInfo> after{port("/dev/ttyUSB0", "pci-0000:00:14.0-usb-0:3:1.0-port0"),
                                    port("/dev/ttyUSB1", "pci-0000:00:14.0-usb-0:4:1.0-port0"),
                                    port("/dev/ttyUSB2", "pci-0000:00:14.0-usb-0:4:1.2-port0")};
  const ModemIdentity id{"867530021234567", "pci-0000:00:14.0-usb-0:2"};
  int asked = 0;
  const auto found = relocate(id, after, [&](const std::string& dev) -> std::optional<std::string> {
    ++asked;
    if (dev == "/dev/ttyUSB1") return "867530021234567";
    return "351234567890123";
  });
  EXPECT_EQ(found, (std::vector<std::string>{"/dev/ttyUSB1", "/dev/ttyUSB2"}));
  EXPECT_EQ(asked, 2);
  EXPECT_EQ(id.label(), "imei:867530021234567");
}

TEST(SerialIdentity, GoneIsEmpty) {
  const ModemIdentity id{"867530021234567", "pci-0000:00:14.0-usb-0:2"};
  EXPECT_TRUE(relocate(id, {}, [](const std::string&) { return std::nullopt; }).empty());
}

TEST(SerialPorts, ListPortsWorksWithoutModems) {
  const auto ports = list_ports();
  ASSERT_TRUE(ports) << ports.error().message;
  for (const auto& p : *ports)
    EXPECT_FALSE(p.device.empty());
}

}  // namespace
}  // namespace jumbe::serial
