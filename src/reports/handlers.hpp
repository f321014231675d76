#pragma once
// POST /hotelier/reports, GET /hotelier/reports, GET /hotelier/reports/{id} and its /download.
#include "core/result.hpp"
#include "core/worker_pool.hpp"
#include "net/http.hpp"
#include "reports/service.hpp"

namespace hc::reports {

class ReportHandlers {
 public:
  ReportHandlers(ReportService& service, WorkerPool& workers) : service_(service), workers_(workers) {}

  boost::asio::awaitable<net::Response> request(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> list(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> get(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> download(net::RequestContext& ctx);

 private:
  ReportService& service_;
  WorkerPool& workers_;
};

//! The body of POST /hotelier/reports ({from, to, format}), each field's shape checked (the range is the service's).
Result<ReportRequest, Error> read_report_request(std::string_view body);

}  // namespace hc::reports
