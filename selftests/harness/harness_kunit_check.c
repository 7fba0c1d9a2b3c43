// SPDX-License-Identifier: GPL-2.0-only
/*
 * A deliberately failing KUnit suite for scripts/selftest-harness: one case
 * passes and one fails, so the runner must report the module as failed
 * with exactly one failed case. Built by the harness alone and loaded by
 * path (vm-tests --kunit): its name does not end in _kunit, and
 * scripts/build-modules does not build selftests/, so the normal run
 * never sees it.
 */
#include <kunit/test.h>
#include <linux/module.h>

static void harness_kunit_check_pass(struct kunit *test)
{
	unsigned int two = 2;

	KUNIT_EXPECT_EQ(test, two * two, 4U);
}

static void harness_kunit_check_fail(struct kunit *test)
{
	KUNIT_FAIL(test, "a deliberate failure the runner must report");
}

static struct kunit_case harness_kunit_check_cases[] = {
	KUNIT_CASE(harness_kunit_check_pass),
	KUNIT_CASE(harness_kunit_check_fail),
	{}
};

static struct kunit_suite harness_kunit_check_suite = {
	.name = "bam_dmux_harness",
	.test_cases = harness_kunit_check_cases,
};

kunit_test_suite(harness_kunit_check_suite);

MODULE_DESCRIPTION("Deliberately failing KUnit suite for the test harness self-check");
MODULE_LICENSE("GPL");
