/// What `ocop init` writes: the commented configuration and the starter spreadsheet's rows.
enum StarterFolder {
    /// `ocop.yaml` with every section explained; nothing secret in it.
    static let configuration = """
        # OCOP Connect (ocop.yaml). Paths are relative to this file. Secrets are never written here: write
        # ${NAME} and set the environment variable NAME (on a server, in /etc/ocop-connect/secrets.env).

        # The catalogue: made by `ocop catalog import`, read by every other command.
        catalog: ocop.sqlite

        # The language of every message and page: vi (tiếng Việt) or en. OCOP_LANG or --lang overrides it.
        ui_language: vi

        # The shop the products are sold from. base_url is required: product pages are base_url/san-pham/…
        # Times are shown in its time zone (timezone:, Asia/Ho_Chi_Minh when left out).
        shop: { base_url: "https://ocop.example.vn", country: VN, language: vi, currency: VND }

        # The marketplaces, each with its API address and the keys its seller centre gives. Remove the # of the
        # ones you use. Shopee, Lazada and TikTok Shop shops are connected once with `ocop connect MARKETPLACE`
        # (README, "Connecting a shop"); their tokens then renew themselves.
        marketplaces:
          google-merchant: { endpoint: "https://merchantapi.googleapis.com" }
        #   google-merchant: { endpoint: "https://merchantapi.googleapis.com", account: "123", data_source: "456",
        #                      credentials_file: "${GOOGLE_APPLICATION_CREDENTIALS}" }
        #   meta-catalog: { endpoint: "https://graph.facebook.com/v21.0", catalog_id: "789",
        #                   access_token: "${META_ACCESS_TOKEN}" }
        #   shopee: { endpoint: "https://partner.shopeemobile.com", partner_id: 2001887,
        #             partner_key: "${SHOPEE_PARTNER_KEY}" }
        #   lazada: { endpoint: "https://api.lazada.vn/rest", app_key: "123456", app_secret: "${LAZADA_APP_SECRET}" }
        #   tiktok-shop: { endpoint: "https://open-api.tiktokglobalshop.com", app_key: "29a39d",
        #                  app_secret: "${TIKTOK_APP_SECRET}", service_id: "7000000000000000001" }
        #   tiki: { endpoint: "https://api.tiki.vn/integration", access_token: "${TIKI_ACCESS_TOKEN}" }
        #   woocommerce: { endpoint: "https://ocop.example.vn/wp-json/wc/v3", consumer_key: "${WC_CONSUMER_KEY}",
        #                  consumer_secret: "${WC_CONSUMER_SECRET}" }

        # `ocop serve`: the feeds in feeds/ for Google's and Meta's fetchers (user ocop, this password), and the
        # readiness pages (their own password, required off this machine).
        serve: { port: 8080, feed_password: "${OCOP_FEED_PASSWORD}" }

        # `ocop-scheduler`: what runs when, in Vietnam's time.
        jobs:
          - { name: nightly-feeds, marketplace: all, action: export, schedule: "30 1 * * *",
              timezone: Asia/Ho_Chi_Minh }
        #   - { name: nightly-categories, marketplace: all, action: sync-categories, schedule: "0 1 * * *",
        #       timezone: Asia/Ho_Chi_Minh }
        #   - { name: nightly-shopee, marketplace: shopee, action: publish, schedule: "0 2 * * *",
        #       timezone: Asia/Ho_Chi_Minh }

        """

    /// The starter spreadsheet: the headings `catalog import` takes (the required ones first) and one example
    /// row to replace.
    static let template: [[String]] = [
        [
            "Mã sản phẩm", "Tên sản phẩm", "Nhóm sản phẩm", "Hạng sao", "Số quyết định", "Ngày quyết định", "Chủ thể",
            "Tỉnh", "Giá", "Hình ảnh", "Mô tả", "Phân nhóm", "Tình trạng", "Loại hình chủ thể", "Xã/Phường",
            "Điện thoại", "Giá khuyến mãi", "Tồn kho", "Quy cách", "Khối lượng (g)", "Dài (cm)", "Rộng (cm)",
            "Cao (cm)", "Mã vạch", "Hạn sử dụng", "Thành phần", "Bảo quản",
        ],
        [
            "VIDU-CAPHE-250", "Cà phê bột Robusta Buôn Ma Thuột rang mộc 250 g", "Thực phẩm", "4", "2719/QĐ-UBND",
            "15/09/2024", "Hợp tác xã Nông nghiệp Ea Tu", "Đắk Lắk", "185.000 đ",
            "https://ocop.example.vn/anh/vidu-caphe-250.jpg", "Cà phê Robusta hái chín, rang mộc, xay vừa.",
            "cà phê", "Còn hiệu lực", "Hợp tác xã", "Phường Tân Lập", "0262 3850 000", "", "120", "250 g", "270", "18",
            "12", "6", "", "12 tháng", "Cà phê Robusta 100%", "Nơi khô ráo, thoáng mát",
        ],
    ]
}
