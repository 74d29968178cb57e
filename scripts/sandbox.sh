# The built-in sandbox for a whole publishing session, shared by `make run` and the conformance step.
# POSIX sh; source it, then:
#   sandbox_start OCOP DIR [SANDBOX OPTIONS...]   starts `OCOP sandbox` on a free loopback port, writes
#                                                DIR/sandbox.yaml (samples/ocop.yaml pointed at it) and
#                                                exports the credentials that configuration names
#   sandbox_stop                                 stops it
sandbox_start() {
    sandbox_ocop=$1
    sandbox_dir=$2
    shift 2
    "$sandbox_ocop" sandbox --port 0 --write-google-key "$sandbox_dir/sandbox-google-key.json" "$@" \
        > "$sandbox_dir/sandbox.log" 2>&1 &
    sandbox_pid=$!
    for _ in $(seq 1 100); do grep -q listening "$sandbox_dir/sandbox.log" && break; sleep 0.1; done
    port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$sandbox_dir/sandbox.log" | head -n 1)
    [ -n "$port" ] || { cat "$sandbox_dir/sandbox.log"; return 1; }
    sed -e "s#https://graph.facebook.com/v21.0#http://127.0.0.1:$port/graph/v21.0#" \
        -e "s#https://merchantapi.googleapis.com\"#http://127.0.0.1:$port/google\", token_endpoint: \"http://127.0.0.1:$port/google/token\"#" \
        -e "s#https://ocop.daklak.example.vn/wp-json/wc/v3#http://127.0.0.1:$port/woocommerce/wp-json/wc/v3#" \
        -e "s#\"https://partner.shopeemobile.com\"#\"http://127.0.0.1:$port/shopee\", image_mirror: \"http://127.0.0.1:$port/images\"#" \
        -e "s#\"https://api.lazada.vn/rest\"#\"http://127.0.0.1:$port/lazada/rest\", image_mirror: \"http://127.0.0.1:$port/images\"#" \
        -e "s#\"https://open-api.tiktokglobalshop.com\"#\"http://127.0.0.1:$port/tiktok\", image_mirror: \"http://127.0.0.1:$port/images\"#" \
        -e "s#https://api.tiki.vn/integration#http://127.0.0.1:$port/tiki/integration#" \
        samples/ocop.yaml > "$sandbox_dir/sandbox.yaml"
    export META_ACCESS_TOKEN=sandbox-meta-token GOOGLE_APPLICATION_CREDENTIALS="$sandbox_dir/sandbox-google-key.json" \
        WC_CONSUMER_KEY=ck_sandbox WC_CONSUMER_SECRET=cs_sandbox \
        SHOPEE_PARTNER_KEY=sandbox-shopee-partner-key SHOPEE_ACCESS_TOKEN=sandbox-shopee-access-token \
        LAZADA_APP_SECRET=sandbox-lazada-secret LAZADA_ACCESS_TOKEN=sandbox-lazada-access-token \
        TIKTOK_APP_SECRET=sandbox-tiktok-secret TIKTOK_ACCESS_TOKEN=sandbox-tiktok-access-token \
        TIKI_ACCESS_TOKEN=sandbox-tiki-access-token
}

sandbox_stop() {
    kill "$sandbox_pid" 2> /dev/null || true
    wait "$sandbox_pid" 2> /dev/null || true
}
