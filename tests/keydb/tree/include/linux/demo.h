#define DEMO_WIDE_MAX	(~(u64)0 >> 8)
