/// 案件来源 (channel): where a report came from. The channels are fixed by the national model
/// (监督员上报, 公众举报, 热线, 视频/传感, 上级交办, 媒体), so they are an enum; what a city calls
/// them on screen is text.
public enum CaseSource: String, Sendable, Codable, CaseIterable, Hashable, CodingKeyRepresentable {
    /// 监督员上报 — an inspector on patrol.
    case inspector
    /// 公众举报 — a citizen through the web, app or Open311.
    case citizen
    /// 12345 政务服务热线 transfer (转办), with its ticket number.
    case hotline12345 = "hotline_12345"
    /// 12319 城建热线 (legacy), with its ticket number.
    case hotline12319 = "hotline_12319"
    /// 物联感知 — a sensor alert.
    case sensor
    /// 视频/无人机智能识别 — video or drone detection.
    case video
    /// 上级交办 — assigned by a superior authority.
    case superior
    /// 媒体曝光 — reported by the media.
    case media

    public var nameZH: String {
        switch self {
        case .inspector: "监督员上报"
        case .citizen: "公众举报"
        case .hotline12345: "12345热线转办"
        case .hotline12319: "12319热线"
        case .sensor: "物联感知"
        case .video: "视频/无人机识别"
        case .superior: "上级交办"
        case .media: "媒体曝光"
        }
    }

    /// Whether a report from this channel needs an inspector's on-site verification (核实) before
    /// it can be filed; an inspector's own report does not.
    public var needsVerification: Bool { self != .inspector }
}

/// 紧急程度 (urgency), which selects the time limits.
public enum Urgency: String, Sendable, Codable, CaseIterable, Hashable {
    case normal
    case urgent
    /// 紧急 — counted in natural time, not working time.
    case emergency

    public var nameZH: String {
        switch self {
        case .normal: "一般"
        case .urgent: "紧急"
        case .emergency: "特急"
        }
    }
}

/// 案件状态 (case status): where a case stands in the seven-step loop.
public enum CaseStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// 信息收集: reported, waiting for the operator.
    case reported
    /// 核实中: sent to an inspector to verify on site.
    case verifying
    /// 已核实: verified (or an inspector's own report), waiting to be filed.
    case verified
    /// 作废待审批: the operator proposed not to file it; the shift leader decides.
    case voidPending = "void_pending"
    /// 不予立案/作废: approved as not a case. Final.
    case voided
    /// 已立案: filed, waiting for dispatch.
    case filed
    /// 处置中: dispatched to a department.
    case dispatched
    /// 回退待审批: the department says it is not theirs; the dispatcher decides.
    case returnPending = "return_pending"
    /// 挂账/缓办: cannot be solved in time; the clock is paused.
    case suspended
    /// 已反馈: the department reported it fixed; waiting for the check.
    case handled
    /// 核查中: an inspector checks on site.
    case checking
    /// 已核查: the check passed (or an inspector fixed it on the spot); waiting to be closed.
    case checked
    /// 已结案. Final unless reopened.
    case closed
    /// 已合并: merged into another case as a duplicate. Final.
    case merged

    public var nameZH: String {
        switch self {
        case .reported: "待受理"
        case .verifying: "核实中"
        case .verified: "待立案"
        case .voidPending: "作废待审批"
        case .voided: "已作废"
        case .filed: "待派遣"
        case .dispatched: "处置中"
        case .returnPending: "回退待审批"
        case .suspended: "挂账"
        case .handled: "待核查"
        case .checking: "核查中"
        case .checked: "待结案"
        case .closed: "已结案"
        case .merged: "已合并"
        }
    }

    /// Closed, voided or merged: nothing more happens unless a closed case is reopened.
    public var isFinal: Bool { self == .closed || self == .voided || self == .merged }
}

/// The time-limited steps (环节) of the loop. Each has a limit per class and urgency.
public enum CaseStep: String, Sendable, Codable, CaseIterable, Hashable {
    /// 核实 — the inspector verifies.
    case verify
    /// 立案 — from report (or verification) to filing.
    case file
    /// 派遣 — from filing to dispatch.
    case dispatch
    /// 处置 — the department fixes it and reports back.
    case handle
    /// 核查 — the inspector checks the fix.
    case check

    public var nameZH: String {
        switch self {
        case .verify: "核实"
        case .file: "立案"
        case .dispatch: "派遣"
        case .handle: "处置"
        case .check: "核查"
        }
    }
}

/// 回访满意度 (callback satisfaction): what the reporter said when called back after closure
/// (12345 transfers report it back to the hotline).
public enum Satisfaction: String, Sendable, Codable, CaseIterable, Hashable {
    case satisfied
    case basicallySatisfied = "basically_satisfied"
    case dissatisfied
    /// 未联系上 — the reporter could not be reached.
    case unreachable

    public var nameZH: String {
        switch self {
        case .satisfied: "满意"
        case .basicallySatisfied: "基本满意"
        case .dissatisfied: "不满意"
        case .unreachable: "未联系上"
        }
    }
}
