#include "engine/disk/node_disk.h"

namespace kafkasim::engine {

NodeDisk::NodeDisk(Node& node, NodeDiskOptions options)
    : plain_(node, options.latency),
      power_(plain_, node, options.durability),
      capacity_(power_, node),
      slow_(capacity_, node) {}

}  // namespace kafkasim::engine
