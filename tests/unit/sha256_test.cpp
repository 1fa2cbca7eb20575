#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <string>

#include "sha256.hpp"

using namespace wfof;

// FIPS 180-2 examples, plus a length that spans a block boundary, by the
// code this CPU uses and by the portable code.
BOOST_AUTO_TEST_CASE(sha256_matches_the_published_test_vectors) {
  for (auto* digest : {&sha256_hex, &detail::sha256_hex_portable}) {
    BOOST_TEST(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    BOOST_TEST(digest(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
}

// Every length from 0 to 300 (every padding case, one to five blocks) and
// every byte value: the two implementations agree.
BOOST_AUTO_TEST_CASE(sha256_by_the_cpu_and_portably_agree) {
  std::string data;
  for (std::size_t n = 0; n <= 300; ++n) {
    BOOST_TEST(sha256_hex(data) == detail::sha256_hex_portable(data), "length " << n);
    data += static_cast<char>((n * 131 + 7) & 0xFF);
  }
}
