## Subscriptions, broadcasts and corrections: Vietnamese. Every key here is also in en/broadcast.ftl.

subscribe-command = Nhận kết quả hằng quý
unsubscribe-command = Dừng nhận kết quả hằng quý
subscribe-done =
    🔔 <b>Bạn đã đăng ký nhận kết quả hằng quý.</b>
    Mỗi khi Ban Chỉ đạo công bố kết quả một kỳ, mình gửi bạn bản tóm tắt các chỉ tiêu, kèm biểu đồ so với kế hoạch và nguồn số liệu; nếu một số liệu đã gửi được đính chính, bạn sẽ nhận đính chính.
subscribe-already = 🔔 <b>Bạn đang nhận kết quả hằng quý.</b>
subscribe-off = 🔕 <b>Bạn chưa đăng ký nhận kết quả hằng quý.</b> Bấm “Đăng ký” hoặc chọn chủ đề bên dưới.
subscribe-topics-all = Chủ đề: <b>tất cả</b>. Nếu chỉ muốn nhận kết quả về một số lĩnh vực hay chỉ tiêu, hãy chọn bên dưới.
subscribe-topics-some =
    Chủ đề bạn chọn: { $topics }.
    Kết quả quý chỉ gửi khi có nội dung thuộc các chủ đề này; thông báo chung của Ban Chỉ đạo vẫn gửi tới mọi người đăng ký.
subscribe-how-to-stop = Dừng nhận bất cứ lúc nào: /unsubscribe
subscribe-topic-on = ✅ { $name }
subscribe-topic-off = ▫️ { $name }
subscribe-button-subscribe = 🔔 Đăng ký
subscribe-button-indicators = 📊 Chọn từng chỉ tiêu
subscribe-button-everything = 🌐 Nhận tất cả chủ đề
subscribe-button-stop = 🔕 Hủy đăng ký
subscribe-button-back = ⬅️ Quay lại
subscribe-indicator-areas-title = 📊 Chọn một lĩnh vực, rồi bấm vào những chỉ tiêu bạn muốn theo dõi:
subscribe-indicators-title = 📊 <b>{ $area }</b>: bấm để chọn hoặc bỏ chọn chỉ tiêu.
subscribe-topic-added = Đã thêm chủ đề.
subscribe-topic-removed = Đã bỏ chủ đề.
unsubscribe-done = 🔕 Bạn đã hủy đăng ký: mình sẽ không gửi kết quả hằng quý nữa. Muốn nhận lại, gõ /subscribe.
unsubscribe-not-subscribed = Bạn chưa đăng ký nhận kết quả hằng quý. Muốn nhận, gõ /subscribe.
unsubscribe-button-again = 🔔 Đăng ký lại

broadcast-footer =
    —
    🔔 Bạn nhận tin này vì đã đăng ký kết quả hằng quý. Dừng nhận: /unsubscribe
broadcast-text-header = 📣 <b>Thông báo của Ban Chỉ đạo</b>
broadcast-report-title = 📊 <b>Kết quả { $period }</b> — Chương trình { $code }
broadcast-report-line = • { $name }: { $details }
broadcast-report-value = <b>{ $quantity }</b>
broadcast-report-value-plan = <b>{ $quantity }</b> — đạt { $percent }% { $label }
broadcast-report-value-plan-reported = <b>{ $quantity }</b> — đạt { $percent }% { $label } (theo báo cáo)
broadcast-report-target = { $label }: { $quantity }
broadcast-report-figure = { $label }: <b>{ $quantity }</b>
broadcast-report-change-up = tăng { $percent }% so với cùng kỳ năm trước
broadcast-report-change-down = giảm { $percent }% so với cùng kỳ năm trước
broadcast-report-more = … và { $count } chỉ tiêu khác: /indicators
broadcast-report-source = 📄 Nguồn: báo cáo { $period } của Ban Chỉ đạo Chương trình { $code }, { $date }
broadcast-report-ask = Gõ tên một chỉ tiêu để xem chi tiết và nguồn.
broadcast-status-achieved = ✅ đã hoàn thành
broadcast-status-basically-achieved = ✅ cơ bản đã hoàn thành
broadcast-status-on-track = 🟢 đang thực hiện theo kế hoạch
broadcast-status-hard = ⚠️ được báo cáo là chỉ tiêu khó
broadcast-status-reported = ℹ️ đã báo cáo, chưa có số liệu
broadcast-chart-title = Chương trình { $code } — { $period }: so với kế hoạch
broadcast-chart-axis = % kế hoạch
broadcast-chart-plan = Kế hoạch (100%)

correction-title = ✏️ <b>Đính chính</b> số liệu trong tin ngày { $date }:
correction-line = • <b>{ $name }</b> ({ $period }): trước đây <s>{ $old }</s>, nay là <b>{ $new }</b>
correction-line-withdrawn = • <b>{ $name }</b> ({ $period }): số liệu <s>{ $old }</s> đã được rút lại
correction-target = { "  " }🎯 Kế hoạch: trước đây <s>{ $old }</s>, nay là <b>{ $new }</b>
correction-source = { "  " }📄 Nguồn: <i>“{ $quote }”</i> — { $report }, { $date }
correction-no-value = không có số liệu
correction-apology = Xin lỗi bạn vì sai sót này.
correction-list-title = ✏️ <b>Số liệu đã gửi nay khác với nội dung công bố</b>
correction-list-item = <b>Tin #{ $id }</b> ({ $date }, đã tới { $reached } người):
correction-list-change = • { $name } ({ $period }): { $old } → { $new }
correction-none = Không có số liệu nào đã gửi mà nay khác với nội dung công bố.
correction-button = ✏️ Đính chính tin #{ $id } ({ $reached } người)
correction-nothing = Tin #{ $id } không còn số liệu nào cần đính chính.

broadcast-command = Gửi tin tới người đăng ký
broadcast-history-command = Các tin đã gửi
correction-command = Đính chính số liệu đã gửi
broadcast-admin-chat-only = Lệnh này chỉ dùng trong nhóm cán bộ.
broadcast-not-official = Chỉ cán bộ mới được gửi tin tới người đăng ký.
broadcast-usage =
    <b>Gửi tin tới người đăng ký</b>
    <code>/broadcast nội dung</code> — một thông báo (giữ nguyên định dạng bạn gõ; **đậm**, *nghiêng*, [chữ](https://liên-kết) cũng được)
    Bản tiếng Anh: xuống dòng, gõ <code>EN:</code> rồi nội dung tiếng Anh; không có thì người đọc tiếng Anh nhận bản tiếng Việt.
    Gửi riêng cho một số xã, phường: thêm dòng <code>NƠI: Hoàn Kiếm, xã Sóc Sơn</code>; chỉ người đã chọn nơi ở trong /subscribe nhận được.
    <code>/broadcast report mã-báo-cáo</code> — tóm tắt kết quả kèm biểu đồ so với kế hoạch (dòng <code>NƠI:</code> bên dưới cũng dùng được)
    Các báo cáo: { $reports }
    /broadcasts — các tin đã gửi · /corrections — đính chính số liệu đã gửi
broadcast-unknown-report = Không có báo cáo “{ $wanted }”. Các báo cáo: { $reports }
broadcast-too-long = Tin quá dài: Telegram cho phép tối đa 4.096 ký tự (1.024 ký tự kèm ảnh), kể cả dòng hướng dẫn hủy đăng ký.
broadcast-draft =
    📝 <b>Tin #{ $id }</b> — bản nháp, chưa gửi.
    Người nhận: <b>{ $total }</b> (tiếng Việt { $vi }, tiếng Anh { $en }).
    Tin phía trên là đúng những gì người nhận sẽ thấy. Không gửi gì cho tới khi bạn bấm “Gửi ngay” hoặc hẹn giờ.
broadcast-draft-nobody = Hiện chưa có ai đăng ký nhận tin này.
broadcast-button-send = ✅ Gửi ngay
broadcast-button-schedule = ⏰ Hẹn giờ
broadcast-button-cancel = ✖️ Hủy
broadcast-button-pause = ⏸ Tạm dừng
broadcast-button-resume = ▶️ Tiếp tục
broadcast-button-back = ⬅️ Quay lại
broadcast-schedule-choose = ⏰ Chọn giờ gửi <b>tin #{ $id }</b> (giờ Hà Nội):
broadcast-schedule-option = 🕗 { $when }
broadcast-state-draft = 📝 <b>Tin #{ $id }</b>: bản nháp
broadcast-state-scheduled = ⏰ <b>Tin #{ $id }</b>: sẽ gửi lúc <b>{ $when }</b> (giờ Hà Nội), tới những người đăng ký vào lúc đó.
broadcast-state-sending = 📤 <b>Tin #{ $id }</b>: đang gửi
broadcast-state-paused = ⏸ <b>Tin #{ $id }</b>: tạm dừng
broadcast-state-done = ✅ <b>Tin #{ $id }</b>: đã gửi xong
broadcast-state-cancelled = ✖️ <b>Tin #{ $id }</b>: đã hủy
broadcast-counts =
    Đã gửi: <b>{ $sent }</b> / { $total } · Còn lại: { $remaining }
    Đã chặn bot: { $blocked } · Lỗi: { $failed } · Đã hủy đăng ký: { $skipped }
broadcast-counts-cancelled = Không gửi vì đã hủy: { $count }
broadcast-rate = Tốc độ: { $rate } tin/giây · còn khoảng { $left }
broadcast-rate-unknown = Tốc độ: đang đo…
broadcast-report = 📊 <b>Báo cáo tin #{ $id }</b>: đã gửi tới <b>{ $sent }</b> người; { $blocked } người đã chặn bot, { $failed } lỗi, { $skipped } đã hủy đăng ký trước lượt của mình. Thời gian gửi: { $duration }.
broadcast-duration-seconds = { $seconds } giây
broadcast-duration-minutes = { $minutes } phút { $seconds } giây
broadcast-duration-hours = { $hours } giờ { $minutes } phút
broadcast-kind-text = thông báo
broadcast-kind-report = kết quả { $period }
broadcast-kind-correction = đính chính tin #{ $id }
broadcast-history-title = 📜 <b>Các tin gần đây</b>
broadcast-history-line = <b>#{ $id }</b> · { $when } · { $kind } · { $state }: gửi { $sent }/{ $total }, chặn bot { $blocked }, lỗi { $failed }
broadcast-history-empty = Chưa có tin nào được gửi.
broadcast-history-state-scheduled = hẹn giờ
broadcast-history-state-sending = đang gửi
broadcast-history-state-paused = tạm dừng
broadcast-history-state-done = xong
broadcast-history-state-cancelled = đã hủy
broadcast-already = Tin #{ $id } đã được xác nhận rồi: không tạo gì thêm.
broadcast-finished = Tin #{ $id } đã kết thúc hoặc đã hủy.
broadcast-time-passed = Giờ này đã qua; hãy chọn lại.
broadcast-unknown = Không tìm thấy tin #{ $id }.
broadcast-paused-toast = Đã tạm dừng.
broadcast-resumed-toast = Tiếp tục gửi.
broadcast-cancelled-toast = Đã hủy.
broadcast-started-toast = Bắt đầu gửi.
broadcast-scheduled-toast = Đã hẹn giờ.

command-broadcast = Gửi tin tới người đăng ký (văn bản hoặc báo cáo quý)
command-broadcasts = Các lần gửi tin gần đây
command-corrections = Đính chính số liệu đã gửi

## Confirming a send, districts, languages (issue 17)
broadcast-unknown-district = Không có xã, phường này trong danh sách của Hà Nội.
broadcast-draft-districts = 📍 Chỉ gửi cho người đăng ký ở: { $places }
broadcast-draft-everywhere = 📍 Gửi tới người đăng ký ở mọi nơi. Chỉ gửi cho vài xã, phường: gửi lại lệnh, thêm một dòng <code>NƠI: Hoàn Kiếm, xã Sóc Sơn</code>.
broadcast-draft-borrowed = 🌐 Không có bản { $readers }: { $count } người đọc { $readers } sẽ nhận bản { $written }.
broadcast-language-vi = tiếng Việt
broadcast-language-en = tiếng Anh
broadcast-confirm-ask =
    ❓ <b>Gửi tin #{ $id } ngay bây giờ?</b>
    Tin sẽ tới <b>{ $total }</b> người (tiếng Việt { $vi }, tiếng Anh { $en }). Đã gửi thì không rút lại được.
broadcast-button-confirm = ✅ Xác nhận gửi tới { $total } người
subscribe-place-ward = Phường { $name }
subscribe-place-commune = Xã { $name }
subscribe-district-none = 📍 Nơi ở: chưa chọn (tin dành riêng cho một xã, phường sẽ không tới bạn).
subscribe-district-some = 📍 Nơi ở: <b>{ $place }</b>
subscribe-button-district = 📍 Chọn xã, phường nơi bạn ở
subscribe-button-wards = 🏙 Các phường
subscribe-button-communes = 🌾 Các xã
subscribe-button-no-district = 🚫 Không chọn nơi ở
subscribe-districts-title-ward = 📍 <b>Các phường của Hà Nội</b> (trang { $page }/{ $pages }). Bấm vào nơi bạn ở để nhận cả tin dành riêng cho nơi đó. Danh sách theo { $source }.
subscribe-districts-title-commune = 📍 <b>Các xã của Hà Nội</b> (trang { $page }/{ $pages }). Bấm vào nơi bạn ở để nhận cả tin dành riêng cho nơi đó. Danh sách theo { $source }.

## After a publish: the group's offer (handlers/release_offers.py)
offer-title = 📢 <b>Nội dung mới đã công bố (bản { $release })</b>: có thể gửi tới người đăng ký
offer-report = • Chưa gửi: <b>{ $title }</b> — { $period } ({ $count } người đăng ký các chủ đề của báo cáo)
offer-report-button = 📊 Soạn tin kết quả { $period }
offer-more-reports = … và { $count } báo cáo khác chưa gửi (xem trang Gửi tin trên bảng điều khiển).
offer-report-hint = Bấm nút để xem trước; gửi cho vài xã, phường: dùng <code>/broadcast report mã-báo-cáo</code> với dòng <code>NƠI:</code>.
offer-corrections = ✏️ <b>Số liệu đã gửi nay đã đổi</b> (đính chính chỉ tới những người đã nhận số cũ):
offer-report-gone = Báo cáo này không có trong nội dung đang công bố. Gõ /broadcast để xem cách gửi tin.
