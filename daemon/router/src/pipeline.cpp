// Pipeline depth from measured latencies (see pipeline.hpp).
#include "jumbe/router/pipeline.hpp"

#include <algorithm>
#include <cmath>

namespace jumbe::router {

int pipeline_depth(double send_ms, double store_ms, int min_depth, int max_depth) {
  max_depth = std::max(min_depth, max_depth);
  if (send_ms <= 0 || store_ms <= 0) return min_depth;
  // A modem answering in microseconds (a simulator) must not ask for an unbounded pipeline.
  const double ratio = std::min(2.0 * store_ms / std::max(send_ms, 0.05), 1e6);
  const int wanted = 2 * static_cast<int>(std::ceil(ratio));
  return std::clamp(wanted, min_depth, max_depth);
}

}  // namespace jumbe::router
