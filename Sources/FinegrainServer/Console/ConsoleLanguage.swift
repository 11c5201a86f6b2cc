import FinegrainCore
import Hummingbird

/// 界面语言 (the console's language): Simplified Chinese by default, English on request. Chosen
/// with `/console/lang?to=en` and kept in the `fg_lang` cookie.
enum ConsoleLanguage: String, Sendable, CaseIterable {
    case zh, en

    static let cookie = "fg_lang"

    init(_ request: Request) {
        self = request.cookies[Self.cookie].flatMap { ConsoleLanguage(rawValue: $0.value) } ?? .zh
    }

    var htmlLang: String { self == .zh ? "zh-CN" : "en" }
    var other: ConsoleLanguage { self == .zh ? .en : .zh }
    var switchLabel: String { self == .zh ? "English" : "中文" }

    /// The page's words: every key of ``ConsoleStrings/table`` in this language (built once).
    var strings: [String: String] { self == .zh ? Self.chinese : Self.english }

    private static let chinese = ConsoleStrings.table.mapValues(\.0)
    private static let english = ConsoleStrings.table.mapValues(\.1)

    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    /// What a refused form says to a person: the field by its label on the page (not the API's
    /// name, `current_password`), then the reason, in this language.
    func message(for problem: Problem) -> String {
        guard let error = problem.errors.first else { return pick(problem.detailZH, problem.detail) }
        let label = label(forField: error.field)
        let detail = pick(error.detailZH, error.detail)
        guard let label else { return detail }
        return self == .zh ? "\(label)：\(detail)" : "\(label): \(detail)"
    }

    /// The label a page shows for an API field (`department_id` → 处置部门), or nil.
    func label(forField field: String) -> String? { strings[field] ?? strings[Self.formFields[field] ?? ""] }

    /// API field names whose console label has another key.
    private static let formFields = ["class_code": "class", "class_kind": "class", "photos": "photo", "department_id": "department"]

    /// A domain word (a status, a source, a step …) in this language.
    func name(_ term: some Bilingual) -> String { pick(term.nameZH, term.nameEN) }
}

/// The console's fixed words, Chinese and English side by side so neither can be forgotten.
enum ConsoleStrings {
    static let table: [String: (String, String)] = [
        "skip": ("跳到正文", "Skip to content"),
        "app": ("精细城管 · 城市综合管理服务平台", "Finegrain · City management platform"),
        "app_short": ("精细城管", "Finegrain"),
        "sign_in": ("登录", "Sign in"),
        "sign_out": ("退出", "Sign out"),
        "username": ("用户名", "Username"),
        "password": ("密码", "Password"),
        "change_password": ("修改密码", "Change password"),
        "current_password": ("当前密码", "Current password"),
        "new_password": ("新密码", "New password"),
        "repeat_password": ("再次输入新密码", "Repeat the new password"),
        "password_rules": ("至少 10 位，含字母和数字，不能包含用户名。", "At least 10 characters with letters and digits, not containing the username."),
        "must_change": ("首次登录或密码被重置后，请先修改密码。", "Please change your initial or reset password first."),
        "save": ("保存", "Save"),
        "submit": ("提交", "Submit"),
        "home": ("工作台", "Home"),
        "queue": ("我的待办", "My queue"),
        "all_cases": ("案件查询", "Cases"),
        "report": ("上报问题", "Report"),
        "map": ("一张图", "Map"),
        "dashboard": ("态势", "Dashboard"),
        "evaluation": ("考评", "Evaluation"),
        "admin": ("管理", "Admin"),
        "number": ("案件编号", "Number"),
        "class": ("问题类别", "Class"),
        "location": ("位置", "Location"),
        "source": ("来源", "Source"),
        "status": ("状态", "Status"),
        "deadline": ("时限", "Deadline"),
        "reported_at": ("上报时间", "Reported"),
        "actions": ("可办理", "Actions"),
        "search": ("搜索", "Search"),
        "search_hint": ("编号或描述中的词", "Words of the number or description"),
        "all": ("全部", "All"),
        "previous": ("上一页", "Previous"),
        "next": ("下一页", "Next"),
        "page": ("第 {page} / {pages} 页，共 {total} 件", "Page {page} of {pages}, {total} cases"),
        "empty_queue": ("暂无待办案件。", "Nothing waiting for you."),
        "empty_list": ("没有符合条件的案件。", "No cases match."),
        "overdue": ("已超期", "Overdue"),
        "remaining": ("剩余", "left"),
        "description": ("问题描述", "Description"),
        "address": ("地址", "Address"),
        "region_chain": ("所在网格", "Grid"),
        "department": ("处置部门", "Department"),
        "urgency": ("紧急程度", "Urgency"),
        "reporter": ("上报人", "Reporter"),
        "photos_before": ("处置前照片", "Photos before"),
        "photos_after": ("处置后照片", "Photos after"),
        "no_photos": ("无照片", "No photos"),
        "timeline": ("办理过程", "Timeline"),
        "deadlines": ("环节时限", "Step deadlines"),
        "step": ("环节", "Step"),
        "started": ("开始", "Started"),
        "due": ("应完成", "Due"),
        "completed": ("完成", "Completed"),
        "note": ("意见", "Note"),
        "reason": ("理由", "Reason"),
        "result": ("处置结果", "Result"),
        "working_minutes": ("延期工作分钟数", "Extra working minutes"),
        "confirmed": ("问题属实", "Problem confirmed"),
        "passed": ("核查通过", "Check passed"),
        "yes": ("是", "Yes"),
        "no": ("否", "No"),
        "suggested": ("建议", "suggested"),
        "no_actions": ("您当前不能办理此案件。", "You cannot act on this case now."),
        "photo": ("照片", "Photo"),
        "take_photo": ("拍照或选择照片", "Take or choose a photo"),
        "use_gps": ("使用当前位置", "Use my location"),
        "lon": ("经度", "Longitude"),
        "location_failed": ("无法取得当前位置，请填写经纬度", "Your location is not available; enter the coordinates"),
        "pages": ("分页", "Pages"),
        "evaluated_object": ("考评对象", "Evaluated"),
        "into": ("并入案件", "Merged into"),
        "component_id": ("部件编码", "Component"),
        "attributes": ("扩展属性", "Attributes"),
        "duplicate_number": ("重复案件", "Duplicate"),
        "from_status": ("原状态", "From status"),
        "returned_by": ("退回部门", "Returned by"),
        "lat": ("纬度", "Latitude"),
        "class_filter": ("输入关键字筛选类别", "Type to filter classes"),
        "located_in": ("所在位置", "Falls in"),
        "report_title": ("上报城市管理问题", "Report a city problem"),
        "hotline_ticket": ("热线工单号", "Hotline ticket"),
        "reporter_name": ("反映人", "Reporter name"),
        "reporter_phone": ("联系电话", "Reporter phone"),
        "reported_ok": ("已上报，案件编号 {number}。", "Reported as case {number}."),
        "step_ok": ("已办理：{step}。", "Done: {step}."),
        "error": ("出错了", "Something went wrong"),
        "satisfaction": ("回访满意度", "Callback satisfaction"),
        "map_small": ("位置示意", "Where"),
        "kpi_intake": ("今日上报", "Reported today"),
        "kpi_open": ("在办案件", "Open cases"),
        "kpi_overdue": ("超期在办", "Open and overdue"),
        "dash_channels": ("今日上报渠道", "Today's reports by channel"),
        "dash_districts": ("各区县在办/超期", "Open / overdue by district"),
        "dash_departments": ("各部门在办/超期", "Open / overdue by department"),
        "dash_trend": ("近六个月结案率", "Closure, last six months"),
        "dash_classes": ("本月高发问题", "Top problems this month"),
        "dash_grids": ("在办案件最多的网格", "Hot grids (open cases)"),
        "dash_ranking": ("区县考评排名", "District ranking"),
        "region": ("区域", "Region"),
        "score": ("得分", "Score"),
        "grade": ("等级", "Grade"),
        "report_link": ("查看考评通报", "Open the evaluation report"),
        "map_cases": ("在办案件", "open cases"),
        "zoom_in": ("放大", "Zoom in"),
        "zoom_out": ("缩小", "Zoom out"),
        "north": ("北", "North"),
        "south": ("南", "South"),
        "east": ("东", "East"),
        "west": ("西", "West"),
        "whole_city": ("全市", "Whole city"),
        "hide_cases": ("隐藏案件", "Hide cases"),
        "show_cases": ("显示案件", "Show cases"),
        "legend_open": ("在办", "open"),
        "legend_late": ("超期", "overdue"),
        "legend_suspended": ("挂账", "suspended"),
        "legend_shade": ("颜色越深在办案件越多；点击区域放大，点击案件查看", "darker means more open cases; click a region to zoom, a case to open it"),
        "duplicates": ("疑似重复上报", "Likely duplicates"),
        "my_reports": ("我上报的", "My reports"),
        "period": ("考评期", "Period"),
        "level": ("考评对象", "Level"),
        "inputs": ("输入摘要", "Inputs"),
        "config_version": ("配置版本", "Configuration"),
        "no_data": ("暂无数据", "No data"),
        "show_components": ("显示部件", "Show components"),
        "hide_components": ("隐藏部件", "Hide components"),
        "components_zoom": ("放大到社区或网格级别后显示部件。", "Zoom in to communities or grids to see components."),
        "legend_components": ("部件", "components"),
        "merge_into": ("合并到此案件", "Merge into this one"),
        "light_green": ("正常", "On time"),
        "light_yellow": ("临近超期", "Due soon"),
        "light_red": ("超期", "Overdue"),
    ]
}
