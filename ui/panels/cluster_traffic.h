// The cluster panel's traffic: links and messages in flight, drawn between the centres of
// the nodes' boxes (world coordinates, by node name).
//   - Links between nodes that talk (a message within the last few simulated seconds) are
//     drawn faintly, so that a cut or clogged link, drawn strong with its label, stands out.
//   - Messages move along their link from send to due time, coloured by kind (theme.h),
//     requests larger than responses, with a short tail showing their direction. When there
//     are many, each link keeps an even share, so that a busy link does not hide a quiet one.
#pragma once

#include <map>
#include <string>

#include "scenarios/runner/cluster_view.h"
#include "ui/panels/cluster_canvas.h"

namespace kafkasim::ui {

using NodeCentres = std::map<std::string, ImVec2, std::less<>>;

// How recently a link must have carried a message to count as talking.
inline constexpr engine::Duration talk_window = engine::Duration::ms(3000);

void draw_links(const Canvas& c, const scenarios::ClusterView& view, const NodeCentres& centre);
// The labels of cut and clogged links ("CUT", "clog +200ms", "(one way)"), over the boxes.
void draw_link_labels(const Canvas& c, const scenarios::ClusterView& view, const NodeCentres& centre);
// Returns how many messages it drew.
std::size_t draw_messages(const Canvas& c, const scenarios::ClusterView& view, const NodeCentres& centre,
                          std::size_t max_messages);

}  // namespace kafkasim::ui
