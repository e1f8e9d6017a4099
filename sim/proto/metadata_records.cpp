#include "sim/proto/metadata_records.h"

namespace kafkasim {

std::string_view record_type_name(const MetadataRecord& record) {
    struct Name {
        std::string_view operator()(const RegisterBrokerRecord&) const { return "RegisterBrokerRecord"; }
        std::string_view operator()(const FenceBrokerRecord&) const { return "FenceBrokerRecord"; }
        std::string_view operator()(const UnfenceBrokerRecord&) const { return "UnfenceBrokerRecord"; }
        std::string_view operator()(const TopicRecord&) const { return "TopicRecord"; }
        std::string_view operator()(const PartitionRecord&) const { return "PartitionRecord"; }
        std::string_view operator()(const PartitionChangeRecord&) const { return "PartitionChangeRecord"; }
        std::string_view operator()(const ProducerIdsRecord&) const { return "ProducerIdsRecord"; }
    };
    return std::visit(Name{}, record);
}

}  // namespace kafkasim
