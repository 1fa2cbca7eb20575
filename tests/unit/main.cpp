#define BOOST_TEST_MODULE wfof
#include <boost/test/unit_test.hpp>
